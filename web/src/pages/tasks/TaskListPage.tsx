import { useEffect, useId, useMemo, useState, type FormEvent, type ReactElement } from 'react';
import { useClient, useQuery, type CombinedError } from 'urql';
import { HealthBadge, ProgressBar, StatusBadge } from '../../components/badges';
import { ErrorNotice } from '../../components/ErrorNotice';
import { CheckboxGroup, choicesOf, SelectField, type Choice } from '../../components/Field';
import { CursorPager, Pager, useCursors } from '../../components/Pager';
import {
  DirectoryDocument,
  TasksDocument,
  type DirectoryQuery,
  type TaskRowFragment,
} from '../../gql/graphql';
import { mayAssign } from '../../lib/permissions';
import { usePrefs } from '../../lib/prefs';
import { Link, useSearchParams } from '../../lib/router';
import { useSession } from '../../lib/session';
import { AssignTaskForm } from './AssignTaskForm';
import { exportTasksXlsx } from './export-xlsx';
import {
  applyClientSide,
  fetchAllTasks,
  HEALTHS,
  needsAll,
  readListParams,
  serverFilter,
  STATUSES,
  type ListParams,
} from './task-query';

const PAGE_SIZE = 20;

export function TaskListPage() {
  const { t } = usePrefs();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const list = readListParams(params);
  const filterKey = params.toString();
  const [directory] = useQuery({ query: DirectoryDocument, requestPolicy: 'cache-first' });

  return (
    <section aria-labelledby="tasks-title">
      <h1 id="tasks-title">{t('tasksTitle')}</h1>
      <Filters list={list} setParams={setParams} directory={directory.data} />
      {mayAssign(session) && directory.data && <AssignTaskForm directory={directory.data} />}
      <Results key={filterKey} list={list} />
    </section>
  );
}

function Filters({
  list,
  setParams,
  directory,
}: {
  list: ListParams;
  setParams: (next: Record<string, string | null>) => void;
  directory: DirectoryQuery | undefined;
}) {
  const { t } = usePrefs();
  const id = useId();
  const [q, setQ] = useState(list.q ?? '');
  useEffect(() => setQ(list.q ?? ''), [list.q]);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setParams({ q: q.trim() || null });
  };
  const toggleStatus = (status: string, on: boolean): void => {
    const next = on ? [...list.status, status] : list.status.filter((s) => s !== status);
    setParams({ status: next.length ? next.join(',') : null });
  };
  const filter = (name: 'unit' | 'program' | 'overdue' | 'health', label: string, choices: Choice[]) => (
    <SelectField
      id={`${id}-${name}`}
      label={label}
      value={list[name] ?? ''}
      onChange={(e) => setParams({ [name]: e.target.value })}
      blank={t('any')}
      choices={choices}
    />
  );
  return (
    <form className="filters" onSubmit={submit} aria-label={t('filters')}>
      {filter('unit', t('filterUnit'), choicesOf(directory?.units))}
      {filter('program', t('filterProgram'), choicesOf(directory?.programs))}
      {filter('overdue', t('filterOverdue'), [
        { value: 'yes', label: t('filterOverdueYes') },
        { value: 'no', label: t('filterOverdueNo') },
      ])}
      {filter(
        'health',
        t('filterHealth'),
        HEALTHS.map((health) => ({ value: health, label: t(`health${health}`) })),
      )}
      <SelectField
        id={`${id}-sort`}
        label={t('sortLabel')}
        value={list.sort}
        onChange={(e) => setParams({ sort: e.target.value === 'desc' ? 'desc' : null })}
        choices={[
          { value: 'asc', label: t('sortDeadlineAsc') },
          { value: 'desc', label: t('sortDeadlineDesc') },
        ]}
      />
      <CheckboxGroup
        legend={t('filterStatus')}
        choices={STATUSES.map((status) => ({ value: status, label: t(`status${status}`) }))}
        checked={list.status}
        onToggle={toggleStatus}
      />
      <div className="field field-wide search">
        <label htmlFor={`${id}-q`}>{t('filterSearch')}</label>
        <div className="search-row">
          <input id={`${id}-q`} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
          <button type="submit">{t('filterApply')}</button>
          <button
            type="button"
            onClick={() =>
              setParams({
                unit: null,
                program: null,
                status: null,
                overdue: null,
                health: null,
                q: null,
                sort: null,
              })
            }
          >
            {t('filterClear')}
          </button>
        </div>
      </div>
    </form>
  );
}

/** Server pages by cursor; or, for the health filter and latest-first order, every match in the browser. */
function Results({ list }: { list: ListParams }) {
  const { t, instant } = usePrefs();
  const client = useClient();
  const filter = useMemo(() => serverFilter(list), [list]);
  const all = needsAll(list);

  const cursors = useCursors();
  const [page] = useQuery({
    query: TasksDocument,
    variables: { filter, first: PAGE_SIZE, after: cursors.after },
    pause: all,
  });

  const [everything, setEverything] = useState<TaskRowFragment[] | null>(null);
  const [allError, setAllError] = useState<CombinedError | null>(null);
  const [localPage, setLocalPage] = useState(1);
  useEffect(() => {
    if (!all) return;
    let cancelled = false;
    fetchAllTasks(client, filter)
      .then((rows) => !cancelled && setEverything(applyClientSide(rows, list)))
      .catch((error: CombinedError) => !cancelled && setAllError(error));
    return () => {
      cancelled = true;
    };
    // The component is keyed by the URL's filters: list and filter are fixed for its life.
  }, [all, client]);

  const [exporting, setExporting] = useState<string | null>(null);
  const exportView = async (): Promise<void> => {
    setExporting(t('exporting'));
    try {
      const rows = everything ?? applyClientSide(await fetchAllTasks(client, filter), list);
      await exportTasksXlsx(rows, t, instant);
      setExporting(t('exportDone', { n: rows.length }));
    } catch (error) {
      setExporting(t('errUnknown', { message: error instanceof Error ? error.message : String(error) }));
    }
  };

  let rows: TaskRowFragment[] | null;
  let total: number | undefined;
  let pager: ReactElement | null = null;
  const error = all ? allError : page.error;
  if (all) {
    rows = everything ? everything.slice((localPage - 1) * PAGE_SIZE, localPage * PAGE_SIZE) : null;
    total = everything?.length;
    pager = (
      <Pager
        page={localPage}
        total={total}
        hasNext={everything !== null && localPage * PAGE_SIZE < everything.length}
        onPrevious={() => setLocalPage((p) => Math.max(1, p - 1))}
        onNext={() => setLocalPage((p) => p + 1)}
      />
    );
  } else {
    const connection = page.data?.tasks;
    rows = connection ? connection.edges.map((edge) => edge.node) : null;
    total = connection?.totalCount;
    pager = <CursorPager cursors={cursors} pageInfo={connection?.pageInfo} total={total} />;
  }

  return (
    <div className="results">
      <div className="results-head">
        <button type="button" onClick={() => void exportView()} disabled={exporting === t('exporting')}>
          <span aria-hidden="true">↓ </span>
          {t('exportXlsx')}
        </button>
        {exporting && (
          <span role="status" className="muted">
            {exporting}
          </span>
        )}
      </div>
      {all && everything && <p className="muted">{t('clientSideNote', { n: everything.length })}</p>}
      {error && <ErrorNotice error={error} />}
      {!rows ? (
        <p aria-busy="true">{t('loading')}</p>
      ) : rows.length === 0 ? (
        <p>{t('noTasks')}</p>
      ) : (
        <table className="tasks" data-testid="task-table">
          <thead>
            <tr>
              <th scope="col">{t('colTitle')}</th>
              <th scope="col">{t('colUnit')}</th>
              <th scope="col">{t('colProgram')}</th>
              <th scope="col">{t('colStatus')}</th>
              <th scope="col">{t('colProgress')}</th>
              <th scope="col" aria-sort={list.sort === 'desc' ? 'descending' : 'ascending'}>
                {t('colDeadline')} {list.sort === 'desc' ? '↓' : '↑'}
              </th>
              <th scope="col">{t('colHealth')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-task-id={row.id}>
                <td data-label={t('colTitle')}>
                  <Link to={`/tasks/${row.id}`}>{row.title}</Link>
                  {row.partner && <small className="muted block">{row.partner}</small>}
                </td>
                <td data-label={t('colUnit')}>{row.unit.name}</td>
                <td data-label={t('colProgram')}>{row.program.name}</td>
                <td data-label={t('colStatus')}>
                  <StatusBadge status={row.status} />
                </td>
                <td data-label={t('colProgress')}>
                  <ProgressBar value={row.progress} label={`${t('colProgress')}: ${row.title}`} />
                </td>
                <td data-label={t('colDeadline')}>
                  <time dateTime={row.deadline}>{instant(row.deadline)}</time>
                </td>
                <td data-label={t('colHealth')}>
                  <HealthBadge health={row.health} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pager}
    </div>
  );
}
