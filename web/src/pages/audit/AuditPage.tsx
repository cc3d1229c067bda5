import { useEffect, useId, useState, type FormEvent } from 'react';
import { useClient, useQuery, type CombinedError } from 'urql';
import { ErrorNotice } from '../../components/ErrorNotice';
import { CheckboxGroup, choicesOf, Field, InstantInput, SelectField } from '../../components/Field';
import { CursorPager, useCursors } from '../../components/Pager';
import { ColumnHeads } from '../../components/Panel';
import {
  AuditLogDocument,
  DirectoryDocument,
  VerifyHistoryDocument,
  type AuditFilter,
  type VerifyHistoryQuery,
} from '../../gql/graphql';
import { usePrefs } from '../../lib/prefs';
import { Link, useSearchParams } from '../../lib/router';
import { eventLabel } from '../task/describe-event';
import { roleLabel } from '../task/Timeline';

const PAGE_SIZE = 25;
const EVENT_TYPES = [
  'TaskAssigned',
  'TaskAcknowledged',
  'ProgressReported',
  'DeadlineChanged',
  'TaskReassigned',
  'TaskBlocked',
  'TaskUnblocked',
  'TaskCompleted',
  'TaskReopened',
  'TaskCancelled',
  'CommentAdded',
  'ReminderSent',
  'UnitRegistered',
  'UnitUpdated',
  'ProgramRegistered',
];

export function AuditPage() {
  const { t } = usePrefs();
  const [params] = useSearchParams();
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{t('auditTitle')}</h1>
      <p className="intro">{t('auditIntro')}</p>
      <Verify streamId={params.get('stream')} />
      <AuditFilters />
      <AuditResults key={params.toString()} />
    </section>
  );
}

function readFilter(params: URLSearchParams): AuditFilter {
  const types = (params.get('types') ?? '').split(',').filter(Boolean);
  return {
    ...(params.get('stream') ? { streamId: params.get('stream') } : {}),
    ...(params.get('actor') ? { actorId: params.get('actor') } : {}),
    ...(params.get('unit') ? { unitId: params.get('unit') } : {}),
    ...(types.length ? { types } : {}),
    ...(params.get('from') ? { from: params.get('from') } : {}),
    ...(params.get('to') ? { to: params.get('to') } : {}),
  };
}

function AuditFilters() {
  const { t, zoneName } = usePrefs();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const [directory] = useQuery({ query: DirectoryDocument, requestPolicy: 'cache-first' });
  const [draft, setDraft] = useState(() => ({
    stream: params.get('stream') ?? '',
    actor: params.get('actor') ?? '',
  }));
  useEffect(
    () => setDraft({ stream: params.get('stream') ?? '', actor: params.get('actor') ?? '' }),
    [params],
  );
  const types = (params.get('types') ?? '').split(',').filter(Boolean);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setParams({ stream: draft.stream.trim() || null, actor: draft.actor.trim() || null });
  };
  return (
    <form className="filters" onSubmit={submit} aria-label={t('filters')}>
      {(['stream', 'actor'] as const).map((name) => (
        <Field key={name} id={`${id}-${name}`} label={t(name === 'stream' ? 'auditStream' : 'auditActor')}>
          <input
            id={`${id}-${name}`}
            value={draft[name]}
            onChange={(e) => setDraft((d) => ({ ...d, [name]: e.target.value }))}
          />
        </Field>
      ))}
      <SelectField
        id={`${id}-unit`}
        label={t('auditUnit')}
        value={params.get('unit') ?? ''}
        onChange={(e) => setParams({ unit: e.target.value })}
        blank={t('any')}
        choices={choicesOf(directory.data?.units)}
      />
      {(['from', 'to'] as const).map((name) => (
        <Field
          key={name}
          id={`${id}-${name}`}
          label={t(name === 'from' ? 'auditFrom' : 'auditTo', { zone: zoneName })}
        >
          <InstantInput
            id={`${id}-${name}`}
            value={params.get(name)}
            onChange={(iso) => setParams({ [name]: iso })}
          />
        </Field>
      ))}
      <CheckboxGroup
        legend={t('auditTypes')}
        choices={EVENT_TYPES.map((type) => ({ value: type, label: eventLabel(type, t) }))}
        checked={types}
        onToggle={(type, on) => {
          const next = on ? [...types, type] : types.filter((x) => x !== type);
          setParams({ types: next.join(',') || null });
        }}
      />
      <div className="form-actions field-wide">
        <button type="submit">{t('filterApply')}</button>
        <button
          type="button"
          onClick={() =>
            setParams({ stream: null, actor: null, unit: null, types: null, from: null, to: null })
          }
        >
          {t('filterClear')}
        </button>
      </div>
    </form>
  );
}

function AuditResults() {
  const { t, instant } = usePrefs();
  const [params] = useSearchParams();
  const cursors = useCursors();
  const [result] = useQuery({
    query: AuditLogDocument,
    variables: { filter: readFilter(params), first: PAGE_SIZE, after: cursors.after },
  });
  const connection = result.data?.auditLog;
  return (
    <div className="results">
      {result.error && <ErrorNotice error={result.error} />}
      {!connection ? (
        !result.error && <p aria-busy="true">{t('loading')}</p>
      ) : connection.edges.length === 0 ? (
        <p>{t('auditEmpty')}</p>
      ) : (
        <table className="tasks audit" data-testid="audit-table">
          <ColumnHeads
            labels={[
              t('auditPosition'),
              t('auditTime'),
              t('auditType'),
              t('auditStreamCol'),
              t('auditActorCol'),
              t('auditData'),
              t('auditHash'),
            ]}
          />
          <tbody>
            {connection.edges.map(({ node }) => (
              <tr key={node.position}>
                <td data-label={t('auditPosition')}>{node.position}</td>
                <td data-label={t('auditTime')}>
                  <time dateTime={node.occurredAt}>{instant(node.occurredAt)}</time>
                </td>
                <td data-label={t('auditType')}>{eventLabel(node.type, t)}</td>
                <td data-label={t('auditStreamCol')} className="break">
                  {node.streamId.startsWith('task-') ? (
                    <Link to={`/tasks/${node.streamId.slice(5)}`}>{node.streamId}</Link>
                  ) : (
                    node.streamId
                  )}{' '}
                  <span className="muted">#{node.revision}</span>
                </td>
                <td data-label={t('auditActorCol')}>
                  {node.actor.name ?? node.actor.id}
                  <small className="muted block">
                    {node.actor.id} · {roleLabel(node.actor.role, t)}
                  </small>
                </td>
                <td data-label={t('auditData')}>
                  <details>
                    <summary>JSON</summary>
                    <pre>{JSON.stringify(node.data, null, 2)}</pre>
                  </details>
                </td>
                <td data-label={t('auditHash')}>
                  <code title={node.hash}>{node.hash.slice(0, 12)}…</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <CursorPager cursors={cursors} pageInfo={connection?.pageInfo} />
    </div>
  );
}

function Verify({ streamId }: { streamId: string | null }) {
  const { t } = usePrefs();
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<VerifyHistoryQuery['verifyHistory'] | null>(null);
  const [error, setError] = useState<CombinedError | null>(null);
  const verify = async (stream: string | null): Promise<void> => {
    setBusy(true);
    setOutcome(null);
    setError(null);
    const result = await client
      .query(VerifyHistoryDocument, { streamId: stream }, { requestPolicy: 'network-only' })
      .toPromise();
    setBusy(false);
    if (result.error) setError(result.error);
    else if (result.data) setOutcome(result.data.verifyHistory);
  };
  return (
    <div className="panel verify">
      <div className="action-buttons">
        <button type="button" className="primary" onClick={() => void verify(null)} disabled={busy}>
          {t('verifyButton')}
        </button>
        {streamId && (
          <button type="button" onClick={() => void verify(streamId)} disabled={busy}>
            {t('verifyStreamButton')}
          </button>
        )}
      </div>
      <div aria-live="polite" data-testid="verify-result">
        {busy && <p>{t('verifying')}</p>}
        {outcome &&
          (outcome.ok ? (
            <p className="notice notice-ok" data-ok="true">
              ✔ {t('verifyOk', { streams: outcome.streamsChecked, events: outcome.eventsChecked })}
            </p>
          ) : (
            <p className="notice notice-error" data-ok="false">
              ✖{' '}
              {t('verifyBroken', {
                stream: outcome.brokenStreamId ?? '?',
                revision: outcome.brokenRevision ?? '?',
                streams: outcome.streamsChecked,
                events: outcome.eventsChecked,
              })}
            </p>
          ))}
        {error && <ErrorNotice error={error} />}
      </div>
    </div>
  );
}
