import { useMemo, useState } from 'react';
import { useQuery, useSubscription } from 'urql';
import { HealthBadge, ProgressBar, StatusBadge } from '../../components/badges';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ColumnHeads, Panel } from '../../components/Panel';
import { HistoricalBanner, TimeTravel } from '../../components/TimeTravel';
import {
  DirectoryDocument,
  TaskChangedDocument,
  TaskDocument,
  type TaskChangedSubscription,
  type TaskDetailFragment,
} from '../../gql/graphql';
import { usePrefs } from '../../lib/prefs';
import { href, Link, useSearchParams } from '../../lib/router';
import { useSession } from '../../lib/session';
import { eventLabel, evidenceOf, isLink } from './describe-event';
import { TaskActions } from './TaskActions';
import { Timeline } from './Timeline';

type LiveEvent = TaskChangedSubscription['taskChanged'];

export function TaskPage({ id }: { id: string }) {
  const { t } = usePrefs();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const asOf = params.get('asOf');
  const [result, reexecute] = useQuery({ query: TaskDocument, variables: { id, asOf } });
  const [directory] = useQuery({ query: DirectoryDocument, requestPolicy: 'cache-first' });
  const [changedBy, setChangedBy] = useState<LiveEvent | null>(null);
  const task = result.data?.task;

  // Someone else's change is announced, not swapped in under the user's fingers: the forms
  // keep the revision the user is looking at, so acting on stale data is a CONFLICT.
  useSubscription({ query: TaskChangedDocument, variables: {}, pause: asOf !== null }, (_, event) => {
    const change = event.taskChanged;
    if (change.streamId === `task-${id}` && change.actor.id !== session?.sub) setChangedBy(change);
    return event;
  });

  const reload = (): void => {
    setChangedBy(null);
    reexecute({ requestPolicy: 'network-only' });
  };

  return (
    <article aria-labelledby="task-title" className={asOf ? 'historical' : undefined}>
      {result.error && <ErrorNotice error={result.error} />}
      {!result.data && !result.error && <p aria-busy="true">{t('loading')}</p>}
      {result.data && !task && (
        <>
          <HistoricalBanner asOf={asOf} />
          <p className="notice">{t('taskNotFound')}</p>
          {asOf && (
            <button type="button" onClick={() => setParams({ asOf: null })}>
              {t('timeTravelNow')}
            </button>
          )}
        </>
      )}
      {task && (
        <>
          <header className="task-head">
            <h1 id="task-title">{task.title}</h1>
            <div className="badges">
              <StatusBadge status={task.status} />
              <HealthBadge health={task.health} />
              <span className="muted">{t('taskRevision', { revision: task.revision })}</span>
            </div>
          </header>
          <TimeTravel value={asOf} min={task.createdAt} onChange={(next) => setParams({ asOf: next })} />
          <HistoricalBanner asOf={asOf} />
          {changedBy && !asOf && (
            <div className="notice notice-warn" role="alert">
              {t('liveChanged', {
                actor: changedBy.actor.name ?? changedBy.actor.id,
                type: eventLabel(changedBy.type, t),
              })}{' '}
              <button type="button" className="link-button" onClick={reload}>
                {t('liveChangedReload')}
              </button>
            </div>
          )}
          <p>
            <Link to={href(`/tasks/${id}/compare`, { a: task.createdAt, b: asOf })}>
              ⇄ {t('compareLink')}
            </Link>
          </p>
          <TaskFields task={task} />
          <div className="two-columns">
            <Metrics task={task} />
            <Evidence task={task} />
          </div>
          {asOf ? (
            <p className="notice">{t('historicalReadOnly')}</p>
          ) : (
            <TaskActions task={task} directory={directory.data} onReload={reload} />
          )}
          <Reminders task={task} />
          <Timeline events={task.history} directory={directory.data} targets={task.targets} />
        </>
      )}
    </article>
  );
}

function TaskFields({ task }: { task: TaskDetailFragment }) {
  const { t, instant } = usePrefs();
  return (
    <section className="panel" aria-label={t('colTitle')}>
      <ProgressBar value={task.progress} label={t('taskProgress')} />
      <dl className="fields">
        {task.description && (
          <>
            <dt>{t('taskDescription')}</dt>
            <dd>{task.description}</dd>
          </>
        )}
        <dt>{t('taskProgram')}</dt>
        <dd>
          {task.program.name}
          {task.program.region && <span className="muted"> · {task.program.region}</span>}
        </dd>
        <dt>{t('taskPartner')}</dt>
        <dd>{task.partner ?? '—'}</dd>
        <dt>{t('taskUnit')}</dt>
        <dd data-testid="task-unit">{task.unit.name}</dd>
        <dt>{t('taskAssignee')}</dt>
        <dd>{task.assignee ?? '—'}</dd>
        <dt>{t('taskDeadline')}</dt>
        <dd>
          <time dateTime={task.deadline}>{instant(task.deadline)}</time>
          {task.overdue && <strong className="overdue-text"> · {t('healthRED')}</strong>}
          {task.wasOverdue && !task.overdue && <span className="muted"> · {t('taskWasOverdue')}</span>}
        </dd>
        <dt>{t('taskAcknowledged')}</dt>
        <dd>{task.acknowledgedAt ? instant(task.acknowledgedAt) : t('taskNotAcknowledged')}</dd>
        <dt>{t('taskCreated')}</dt>
        <dd>{instant(task.createdAt)}</dd>
        <dt>{t('taskUpdated')}</dt>
        <dd>{instant(task.updatedAt)}</dd>
        {task.completedAt && (
          <>
            <dt>{t('taskCompleted')}</dt>
            <dd>{instant(task.completedAt)}</dd>
          </>
        )}
      </dl>
    </section>
  );
}

function Metrics({ task }: { task: TaskDetailFragment }) {
  const { t } = usePrefs();
  const achieved = useMemo(() => new Map(task.metrics.map((m) => [m.key, m.value])), [task.metrics]);
  return (
    <Panel
      id="metrics-title"
      title={t('metricsTitle')}
      empty={task.targets.length === 0 ? t('noTargets') : null}
    >
      <table className="metrics">
        <ColumnHeads labels={[t('targetLabel'), t('metricTarget'), t('metricAchieved'), t('metricRate')]} />
        <tbody>
          {task.targets.map((target) => {
            const value = achieved.get(target.key);
            const rate =
              value === undefined || target.target === 0 ? null : Math.round((value / target.target) * 100);
            return (
              <tr key={target.key} data-metric={target.key}>
                <th scope="row">{target.label}</th>
                <td>
                  {target.target.toLocaleString()}
                  {target.unit ?? ''}
                </td>
                <td>{value === undefined ? '—' : `${value.toLocaleString()}${target.unit ?? ''}`}</td>
                <td>
                  {rate === null ? (
                    '—'
                  ) : (
                    <ProgressBar value={rate} label={`${target.label} ${t('metricRate')}`} />
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Panel>
  );
}

function Evidence({ task }: { task: TaskDetailFragment }) {
  const { t, instant } = usePrefs();
  const items = evidenceOf(task.history);
  return (
    <Panel id="evidence-title" title={t('evidenceTitle')} empty={items.length === 0 ? t('noEvidence') : null}>
      <ul className="evidence">
        {items.map((item, index) => (
          <li key={`${item.link}-${index}`}>
            {isLink(item.link) ? (
              <a href={item.link} target="_blank" rel="noopener noreferrer">
                {item.link}
              </a>
            ) : (
              <span>{item.link}</span>
            )}
            <small className="muted block">
              {t('evidenceFrom', { event: eventLabel(item.type, t), time: instant(item.occurredAt) })}
            </small>
          </li>
        ))}
      </ul>
    </Panel>
  );
}

function Reminders({ task }: { task: TaskDetailFragment }) {
  const { t, instant } = usePrefs();
  return (
    <Panel
      id="reminders-title"
      title={t('remindersTitle')}
      empty={task.reminders.length === 0 ? t('noReminders') : null}
    >
      <table className="reminders tasks">
        <ColumnHeads
          labels={[
            t('reminderKind'),
            t('reminderSentAt'),
            t('reminderChannel'),
            t('reminderRecipient'),
            t('reminderDeadline'),
          ]}
        />
        <tbody>
          {task.reminders.map((reminder, index) => (
            <tr key={index}>
              <td data-label={t('reminderKind')}>{t(`reminder${reminder.kind}`)}</td>
              <td data-label={t('reminderSentAt')}>{instant(reminder.sentAt)}</td>
              <td data-label={t('reminderChannel')}>{reminder.channel}</td>
              <td data-label={t('reminderRecipient')} className="break">
                {reminder.recipient}
              </td>
              <td data-label={t('reminderDeadline')}>{instant(reminder.deadline)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
