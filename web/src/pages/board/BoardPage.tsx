import { useEffect, useMemo, useRef, useState } from 'react';
import { useQuery, useSubscription } from 'urql';
import { HealthBadge } from '../../components/badges';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LiveIndicator } from '../../components/LiveIndicator';
import { HistoricalBanner, TimeTravel } from '../../components/TimeTravel';
import { BoardDocument, TaskChangedDocument, type TaskChangedSubscription } from '../../gql/graphql';
import { useLiveStatus } from '../../lib/client';
import { useFirstEventAt } from '../../lib/first-event';
import { usePrefs } from '../../lib/prefs';
import { href, Link, useSearchParams } from '../../lib/router';
import { buildGrid, cellKey, emptyTally, type Tally } from './board-model';
import { useTaskLights } from './useTaskLights';
import type { MessageKey } from '../../i18n/zh';

type LiveEvent = TaskChangedSubscription['taskChanged'];
const RECENT = 6;
const REFRESH_DELAY_MS = 200;

export function BoardPage() {
  const { t, instant } = usePrefs();
  const [params, setParams] = useSearchParams();
  const asOf = params.get('asOf');
  const firstEventAt = useFirstEventAt();
  const [version, setVersion] = useState(0);
  const [recent, setRecent] = useState<LiveEvent[]>([]);
  const refresh = useRef<ReturnType<typeof setTimeout> | null>(null);

  const [board, reexecute] = useQuery({ query: BoardDocument, variables: { asOf } });
  const lights = useTaskLights(asOf, version);

  useSubscription({ query: TaskChangedDocument, variables: {}, pause: asOf !== null }, (_, event) => {
    // An event delivered again (a resubscription) replaces its entry instead of repeating it.
    const change = event.taskChanged;
    setRecent((list) => [change, ...list.filter((e) => e.position !== change.position)].slice(0, RECENT));
    if (refresh.current) clearTimeout(refresh.current);
    refresh.current = setTimeout(() => {
      reexecute({ requestPolicy: 'network-only' });
      setVersion((v) => v + 1);
    }, REFRESH_DELAY_MS);
    return event;
  });
  useEffect(() => () => void (refresh.current && clearTimeout(refresh.current)), []);

  // Events sent while the socket was down are not replayed: catch up once it is back.
  const live = useLiveStatus();
  const wasDown = useRef(false);
  useEffect(() => {
    if (live === 'disconnected') wasDown.current = true;
    if (live === 'connected' && wasDown.current) {
      wasDown.current = false;
      reexecute({ requestPolicy: 'network-only' });
      setVersion((v) => v + 1);
    }
  }, [live, reexecute]);

  const data = board.data?.board;
  const grid = useMemo(() => (data && lights ? buildGrid(data, lights.byCell) : null), [data, lights]);

  return (
    <section aria-labelledby="board-title" className={asOf ? 'historical' : undefined}>
      <div className="page-head">
        <h1 id="board-title">{t('boardTitle')}</h1>
        <LiveIndicator paused={asOf !== null} />
      </div>
      <p className="intro">{t('boardIntro')}</p>
      <TimeTravel value={asOf} min={firstEventAt} onChange={(next) => setParams({ asOf: next })} />
      <HistoricalBanner asOf={asOf} />
      {board.error && <ErrorNotice error={board.error} />}
      {!data || !grid ? (
        <p aria-busy="true">{t('loading')}</p>
      ) : (
        <>
          <div className="board-scroll" tabIndex={0} role="region" aria-label={t('boardTitle')}>
            <table className="board" data-as-of={data.asOf}>
              <thead>
                <tr>
                  <th scope="col" className="board-corner">
                    {t('boardUnit')}
                  </th>
                  {data.programs.map((program) => (
                    <th scope="col" key={program.id}>
                      {program.name}
                      {program.region && <small>{program.region}</small>}
                    </th>
                  ))}
                  <th scope="col" className="board-total">
                    {t('boardTotal')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.units.map((unit) => (
                  <tr key={unit.id}>
                    <th scope="row">{unit.name}</th>
                    {data.programs.map((program) => (
                      <td key={program.id}>
                        <Square
                          tally={grid.cells.get(cellKey(unit.id, program.id)) ?? emptyTally}
                          to={href('/tasks', { unit: unit.id, program: program.id })}
                          label={`${unit.name} · ${program.name}`}
                          testId={`cell-${unit.id}-${program.id}`}
                        />
                      </td>
                    ))}
                    <td className="board-total">
                      <Square
                        tally={grid.rows.get(unit.id) ?? emptyTally}
                        to={href('/tasks', { unit: unit.id })}
                        label={`${unit.name} · ${t('boardTotal')}`}
                        testId={`row-${unit.id}`}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('boardTotal')}</th>
                  {data.programs.map((program) => (
                    <td key={program.id} className="board-total">
                      <Square
                        tally={grid.columns.get(program.id) ?? emptyTally}
                        to={href('/tasks', { program: program.id })}
                        label={`${t('boardTotal')} · ${program.name}`}
                        testId={`column-${program.id}`}
                      />
                    </td>
                  ))}
                  <td className="board-total">
                    <Square tally={grid.all} to="/tasks" label={t('boardTotal')} testId="board-all" />
                  </td>
                </tr>
              </tfoot>
            </table>
          </div>
          <Legend />
        </>
      )}
      {!asOf && (
        <section className="recent" aria-labelledby="recent-title">
          <h2 id="recent-title">{t('recentChanges')}</h2>
          {recent.length === 0 ? (
            <p className="muted">{t('noRecentChanges')}</p>
          ) : (
            <ul aria-live="polite" data-testid="recent-changes">
              {recent.map((event) => {
                const taskId = event.streamId.replace(/^task-/, '');
                const title = lights?.tasks.get(taskId)?.title ?? taskId;
                return (
                  <li key={event.position}>
                    <time dateTime={event.occurredAt}>{instant(event.occurredAt)}</time>{' '}
                    <strong>{t(`event${event.type}` as MessageKey)}</strong> ·{' '}
                    <Link to={`/tasks/${taskId}`}>{title}</Link> · {event.actor.name ?? event.actor.id}
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      )}
    </section>
  );
}

function Square({ tally, to, label, testId }: { tally: Tally; to: string; label: string; testId: string }) {
  const { t } = usePrefs();
  if (tally.total === 0) {
    return (
      <span className="square square-empty" data-testid={testId} aria-label={`${label}: 0`}>
        —
      </span>
    );
  }
  const health = tally.health ? t(`health${tally.health}`) : t('healthNone');
  const { health: _light, ...counts } = tally;
  const aria = t('boardCellLabel', { where: label, ...counts, health });
  const breakdown = t('boardCellBreakdown', counts);
  return (
    <Link
      to={to}
      className={`square square-${(tally.health ?? 'none').toLowerCase()}`}
      data-testid={testId}
      data-total={tally.total}
      data-completed={tally.completed}
      data-in-progress={tally.inProgress}
      data-overdue={tally.overdue}
      data-health={tally.health ?? ''}
      aria-label={`${aria}; ${breakdown}`}
      title={breakdown}
    >
      <HealthBadge health={tally.health} compact />
      <span className="square-total">{t('cellTasks', { n: tally.total })}</span>
      <span className="square-line">
        {t('cellCompleted', { n: tally.completed })} · {t('cellInProgress', { n: tally.inProgress })}
      </span>
      {tally.overdue > 0 && <span className="square-overdue">{t('cellOverdue', { n: tally.overdue })}</span>}
    </Link>
  );
}

function Legend() {
  const { t } = usePrefs();
  return (
    <ul className="legend" aria-label={t('legend')}>
      {(['GREEN', 'YELLOW', 'RED'] as const).map((health) => (
        <li key={health}>
          <HealthBadge health={health} />
        </li>
      ))}
    </ul>
  );
}
