import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useClient, type CombinedError } from 'urql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { ErrorNotice } from '../../components/ErrorNotice';
import { choicesOf, Field, SelectField } from '../../components/Field';
import {
  AcknowledgeTaskDocument,
  AddCommentDocument,
  BlockTaskDocument,
  CancelTaskDocument,
  ChangeDeadlineDocument,
  CompleteTaskDocument,
  ReassignTaskDocument,
  ReopenTaskDocument,
  ReportProgressDocument,
  UnblockTaskDocument,
  type DirectoryQuery,
  type MetricValueInput,
  type TaskDetailFragment,
} from '../../gql/graphql';
import type { MessageKey } from '../../i18n/zh';
import { mayOffer, type TaskAction } from '../../lib/permissions';
import { usePrefs } from '../../lib/prefs';
import { useSession } from '../../lib/session';
import { fromLocalInput, toLocalInput } from '../../lib/time';
import { newKey } from '../../lib/uuid';

const ACTIONS: readonly { action: TaskAction; label: MessageKey }[] = [
  { action: 'acknowledge', label: 'actionAcknowledge' },
  { action: 'progress', label: 'actionProgress' },
  { action: 'block', label: 'actionBlock' },
  { action: 'unblock', label: 'actionUnblock' },
  { action: 'complete', label: 'actionComplete' },
  { action: 'comment', label: 'actionComment' },
  { action: 'reassign', label: 'actionReassign' },
  { action: 'deadline', label: 'actionDeadline' },
  { action: 'reopen', label: 'actionReopen' },
  { action: 'cancel', label: 'actionCancel' },
];

type Input = Record<string, unknown>;
// Every task mutation takes { input } and returns a TaskPayload; the forms share one runner.
type AnyTaskMutation = TypedDocumentNode<unknown, { input: never }>;

const DOCUMENTS: Record<TaskAction, AnyTaskMutation> = {
  acknowledge: AcknowledgeTaskDocument as unknown as AnyTaskMutation,
  progress: ReportProgressDocument as unknown as AnyTaskMutation,
  block: BlockTaskDocument as unknown as AnyTaskMutation,
  unblock: UnblockTaskDocument as unknown as AnyTaskMutation,
  complete: CompleteTaskDocument as unknown as AnyTaskMutation,
  comment: AddCommentDocument as unknown as AnyTaskMutation,
  reassign: ReassignTaskDocument as unknown as AnyTaskMutation,
  deadline: ChangeDeadlineDocument as unknown as AnyTaskMutation,
  reopen: ReopenTaskDocument as unknown as AnyTaskMutation,
  cancel: CancelTaskDocument as unknown as AnyTaskMutation,
};

/**
 * The actions the signed-in role may take on this task in its current status. Every write
 * passes the revision the user is looking at as expectedRevision (comments excepted: the
 * contract's CommentInput has none), so a change made meanwhile comes back as CONFLICT.
 */
export function TaskActions({
  task,
  directory,
  onReload,
}: {
  task: TaskDetailFragment;
  directory: DirectoryQuery | undefined;
  onReload: () => void;
}) {
  const { t } = usePrefs();
  const session = useSession();
  const client = useClient();
  const [open, setOpen] = useState<TaskAction | null>(null);
  const [error, setError] = useState<CombinedError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState(newKey);
  const offered = ACTIONS.filter(({ action }) => mayOffer(session, task, action));

  const run = async (action: TaskAction, input: Input): Promise<void> => {
    setBusy(true);
    setError(null);
    setDone(null);
    const withRevision = action === 'comment' ? input : { ...input, expectedRevision: task.revision };
    const result = await client
      .mutation(DOCUMENTS[action], { input: { taskId: task.id, idempotencyKey, ...withRevision } as never })
      .toPromise();
    setBusy(false);
    if (result.error) {
      setError(result.error);
      // A CONFLICT or a refused command did not happen: the same key may retry the same intent.
      return;
    }
    setIdempotencyKey(newKey());
    setOpen(null);
    const label = ACTIONS.find((a) => a.action === action)?.label ?? 'actionComment';
    setDone(t('done', { action: t(label) }));
  };

  const reload = (): void => {
    setError(null);
    setIdempotencyKey(newKey());
    onReload();
  };

  return (
    <section className="panel actions" aria-labelledby="actions-title">
      <h2 id="actions-title">{t('actionsTitle')}</h2>
      {offered.length === 0 ? (
        <p className="muted">{t('actionsNone')}</p>
      ) : (
        <div className="action-buttons" role="group" aria-label={t('actionsTitle')}>
          {offered.map(({ action, label }) => (
            <button
              key={action}
              type="button"
              aria-expanded={open === action}
              aria-controls="action-form"
              className={open === action ? 'is-active' : undefined}
              onClick={() => {
                setOpen(open === action ? null : action);
                setError(null);
                setDone(null);
              }}
            >
              {t(label)}
            </button>
          ))}
        </div>
      )}
      {done && (
        <p role="status" className="notice notice-ok">
          ✔ {done}
        </p>
      )}
      {open && (
        <div id="action-form">
          <ActionForm
            key={open}
            action={open}
            task={task}
            directory={directory}
            busy={busy}
            onSubmit={(input) => void run(open, input)}
            onCancel={() => setOpen(null)}
          />
        </div>
      )}
      {error && <ErrorNotice error={error} onReload={reload} />}
    </section>
  );
}

function ActionForm({
  action,
  task,
  directory,
  busy,
  onSubmit,
  onCancel,
}: {
  action: TaskAction;
  task: TaskDetailFragment;
  directory: DirectoryQuery | undefined;
  busy: boolean;
  onSubmit: (input: Input) => void;
  onCancel: () => void;
}) {
  const { t, timeZone, zoneName } = usePrefs();
  const id = useId();
  const [values, setValues] = useState<Record<string, string>>(() => ({
    progress: String(task.progress),
    deadline: toLocalInput(task.deadline, timeZone),
    ...Object.fromEntries(task.metrics.map((m) => [`metric:${m.key}`, String(m.value)])),
  }));
  const value = (name: string): string => values[name] ?? '';
  const set = (name: string) => (event: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [name]: event.target.value }));

  const text = (
    name: string,
    label: MessageKey,
    options: { required?: boolean; multiline?: boolean } = {},
  ) => (
    <Field key={name} id={`${id}-${name}`} label={t(label)} className="field-wide">
      {options.multiline ? (
        <textarea
          id={`${id}-${name}`}
          rows={3}
          required={options.required}
          value={value(name)}
          onChange={set(name)}
        />
      ) : (
        <input id={`${id}-${name}`} required={options.required} value={value(name)} onChange={set(name)} />
      )}
    </Field>
  );
  const metricFields = (): ReactNode =>
    task.targets.map((target) => (
      <Field
        key={target.key}
        id={`${id}-metric-${target.key}`}
        label={t('fieldMetric', { label: target.label, target: target.target, unit: target.unit ?? '' })}
      >
        <input
          id={`${id}-metric-${target.key}`}
          type="number"
          step="any"
          min={0}
          value={value(`metric:${target.key}`)}
          onChange={set(`metric:${target.key}`)}
        />
      </Field>
    ));
  const metrics = (): MetricValueInput[] =>
    task.targets
      .filter((target) => value(`metric:${target.key}`).trim() !== '')
      .map((target) => ({ key: target.key, value: Number(value(`metric:${target.key}`)) }));
  const evidence = (): string[] =>
    value('evidence')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
  const optional = (name: string): string | null => value(name).trim() || null;

  let fields: ReactNode;
  let input: () => Input;
  switch (action) {
    case 'acknowledge':
    case 'unblock':
      fields = text('note', 'fieldNote');
      input = () => ({ note: optional('note') });
      break;
    case 'progress':
      fields = (
        <>
          <Field id={`${id}-progress`} label={t('fieldProgress')}>
            <input
              id={`${id}-progress`}
              type="number"
              min={0}
              max={100}
              step={1}
              required
              value={value('progress')}
              onChange={set('progress')}
            />
          </Field>
          {metricFields()}
          {text('note', 'fieldNote')}
          {text('evidence', 'fieldEvidence', { multiline: true })}
        </>
      );
      input = () => ({
        progress: Number(value('progress')),
        note: optional('note'),
        metrics: metrics(),
        evidence: evidence(),
      });
      break;
    case 'complete':
      fields = (
        <>
          {text('summary', 'fieldSummary', { required: true, multiline: true })}
          {metricFields()}
          {text('evidence', 'fieldEvidence', { multiline: true })}
        </>
      );
      input = () => ({ summary: value('summary'), metrics: metrics(), evidence: evidence() });
      break;
    case 'comment':
      fields = text('text', 'fieldComment', { required: true, multiline: true });
      input = () => ({ text: value('text') });
      break;
    case 'reassign':
      fields = (
        <>
          <SelectField
            id={`${id}-unit`}
            label={t('fieldNewUnit')}
            required
            value={value('unitId')}
            onChange={set('unitId')}
            blank={t('choose')}
            choices={choicesOf(directory?.units.filter((unit) => unit.id !== task.unit.id))}
          />
          {text('assignee', 'fieldAssignee')}
          {text('reason', 'fieldReason', { required: true })}
        </>
      );
      input = () => ({ unitId: value('unitId'), assignee: optional('assignee'), reason: value('reason') });
      break;
    case 'deadline':
      fields = (
        <>
          <Field id={`${id}-deadline`} label={t('fieldNewDeadline', { zone: zoneName })}>
            <input
              id={`${id}-deadline`}
              type="datetime-local"
              required
              value={value('deadline')}
              onChange={set('deadline')}
            />
          </Field>
          {text('reason', 'fieldReason', { required: true })}
        </>
      );
      input = () => ({
        deadline: fromLocalInput(value('deadline'), timeZone) ?? value('deadline'),
        reason: value('reason'),
      });
      break;
    case 'block':
    case 'reopen':
    case 'cancel':
      fields = text('reason', 'fieldReason', { required: true });
      input = () => ({ reason: value('reason') });
      break;
  }

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    onSubmit(input());
  };
  const label = ACTIONS.find((a) => a.action === action)?.label ?? 'submit';
  return (
    <form className="form-grid action-form" onSubmit={submit} aria-label={t(label)} data-action={action}>
      {fields}
      <div className="form-actions field-wide">
        <button type="submit" className="primary" disabled={busy}>
          {t(label)}
        </button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
