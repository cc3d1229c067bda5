import type { AuditEventFieldsFragment } from '../../gql/graphql';
import type { MessageKey } from '../../i18n/zh';
import type { Translate } from '../../lib/prefs';

type Data = Record<string, unknown>;

export interface Describe {
  readonly t: Translate;
  readonly instant: (iso: string | null | undefined) => string;
  readonly unitName: (id: string) => string;
  /** 培训人数 for `trainees`, with the target's unit of measure. */
  readonly metricName?: (key: string) => { label: string; unit: string };
}

const str = (value: unknown): string =>
  typeof value === 'string' ? value : value == null ? '' : String(value);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

export function eventLabel(type: string, t: Translate): string {
  const key = `event${type}` as MessageKey;
  const text = t(key);
  return text === key ? type : text;
}

/**
 * "What changed" in words, one line per fact, from the event payloads the contract exposes
 * (AuditEvent.data is JSON). Progress needs the previous report, so the timeline folds.
 */
export function describeEvents(events: readonly AuditEventFieldsFragment[], d: Describe): string[][] {
  const { t, instant, unitName } = d;
  const metricName = d.metricName ?? ((key: string) => ({ label: key, unit: '' }));
  let progress = 0;
  return events.map((event) => {
    const data = (event.data ?? {}) as Data;
    const lines: string[] = [];
    const reason = str(data.reason);
    const note = str(data.note);
    const metrics = list(data.metrics)
      .map((m) => {
        const { label, unit } = metricName(str((m as Data).key));
        const value = (m as Data).value;
        return `${label} ${typeof value === 'number' ? value.toLocaleString() : str(value)}${unit}`;
      })
      .join(t('listSeparator'));
    const evidence = list(data.evidence).length;
    switch (event.type) {
      case 'TaskAssigned':
        lines.push(
          t('changeAssigned', { unit: unitName(str(data.unitId)), deadline: instant(str(data.deadline)) }),
        );
        progress = 0;
        break;
      case 'ProgressReported': {
        const next = Number(data.progress ?? progress);
        lines.push(t('changeProgress', { from: progress, to: next }));
        progress = next;
        break;
      }
      case 'DeadlineChanged':
        lines.push(
          t('changeDeadline', { from: instant(str(data.previousDeadline)), to: instant(str(data.deadline)) }),
        );
        break;
      case 'TaskReassigned':
        lines.push(
          t('changeReassigned', { from: unitName(str(data.previousUnitId)), to: unitName(str(data.unitId)) }),
        );
        break;
      case 'TaskBlocked':
        lines.push(t('changeStatus', { status: t('statusBLOCKED') }));
        break;
      case 'TaskUnblocked':
        if (data.status)
          lines.push(t('changeStatus', { status: t(`status${str(data.status)}` as MessageKey) }));
        break;
      case 'TaskCompleted':
        lines.push(t('changeStatus', { status: t('statusCOMPLETED') }));
        if (data.summary) lines.push(t('changeSummary', { summary: str(data.summary) }));
        progress = 100;
        break;
      case 'TaskReopened':
        lines.push(t('changeStatus', { status: t('statusIN_PROGRESS') }));
        break;
      case 'TaskCancelled':
        lines.push(t('changeStatus', { status: t('statusCANCELLED') }));
        break;
      case 'CommentAdded':
        lines.push(t('changeText', { text: str(data.text) }));
        break;
      case 'ReminderSent':
        lines.push(
          t('changeReminder', {
            kind: t(`reminder${str(data.kind)}` as MessageKey),
            channel: str(data.channel),
            recipient: str(data.recipient),
          }),
        );
        break;
    }
    if (reason) lines.push(t('changeReason', { reason }));
    if (note) lines.push(t('changeNote', { note }));
    if (metrics) lines.push(t('changeMetrics', { metrics }));
    if (evidence) lines.push(t('changeEvidence', { n: evidence }));
    return lines;
  });
}

export interface EvidenceItem {
  readonly link: string;
  readonly type: string;
  readonly occurredAt: string;
}

/** Evidence is carried by progress reports and the completion; the Task type has no list of its own. */
export function evidenceOf(events: readonly AuditEventFieldsFragment[]): EvidenceItem[] {
  return events.flatMap((event) =>
    list((event.data as Data | null)?.evidence).map((link) => ({
      link: str(link),
      type: event.type,
      occurredAt: event.occurredAt,
    })),
  );
}

export const isLink = (text: string): boolean => /^https?:\/\//i.test(text);
