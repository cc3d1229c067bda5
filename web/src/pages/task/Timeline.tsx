import { useMemo } from 'react';
import type { AuditEventFieldsFragment, DirectoryQuery, Role, TaskDetailFragment } from '../../gql/graphql';
import type { MessageKey } from '../../i18n/zh';
import { usePrefs } from '../../lib/prefs';
import { describeEvents, eventLabel } from './describe-event';

const ROLE_KEY: Record<Role, MessageKey> = {
  OFFICE: 'roleOffice',
  UNIT_MANAGER: 'roleUnitManager',
  AUDITOR: 'roleAuditor',
  WORKER: 'roleWorker',
};

export function roleLabel(role: Role, t: (key: MessageKey) => string): string {
  return t(ROLE_KEY[role]);
}

/** Every event of the task, oldest first: when, who, what, and the raw payload for auditors. */
export function Timeline({
  events,
  directory,
  targets,
}: {
  events: readonly AuditEventFieldsFragment[];
  directory: DirectoryQuery | undefined;
  targets: TaskDetailFragment['targets'];
}) {
  const { t, instant } = usePrefs();
  const unitName = useMemo(() => {
    const names = new Map(directory?.units.map((unit) => [unit.id, unit.name]) ?? []);
    return (unitId: string) => names.get(unitId) ?? unitId;
  }, [directory]);
  const metricName = useMemo(() => {
    const byKey = new Map(targets.map((target) => [target.key, target]));
    return (key: string) => ({ label: byKey.get(key)?.label ?? key, unit: byKey.get(key)?.unit ?? '' });
  }, [targets]);
  const lines = useMemo(
    () => describeEvents(events, { t, instant, unitName, metricName }),
    [events, t, instant, unitName, metricName],
  );
  return (
    <section className="panel" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('timelineTitle')}</h2>
      <ol className="timeline" data-testid="timeline">
        {events.map((event, index) => (
          <li key={event.position} data-type={event.type} data-revision={event.revision}>
            <div className="timeline-head">
              <strong>{eventLabel(event.type, t)}</strong>
              <time dateTime={event.occurredAt}>{instant(event.occurredAt)}</time>
            </div>
            <div className="timeline-actor">
              {event.actor.name ?? event.actor.id} · {roleLabel(event.actor.role, t)}
              {event.actor.unitId && ` · ${unitName(event.actor.unitId)}`}
              <span className="muted"> · #{event.revision}</span>
            </div>
            {lines[index].length > 0 && (
              <ul className="timeline-changes">
                {lines[index].map((line, i) => (
                  <li key={i}>{line}</li>
                ))}
              </ul>
            )}
            <details>
              <summary>{t('timelineRaw')}</summary>
              <pre>{JSON.stringify(event.data, null, 2)}</pre>
              <p className="hash">
                {t('auditHash')}: <code>{event.hash}</code>
              </p>
            </details>
          </li>
        ))}
      </ol>
    </section>
  );
}
