import { useId, type ReactNode } from 'react';
import { useQuery } from 'urql';
import { HealthBadge, StatusBadge } from '../../components/badges';
import { ErrorNotice } from '../../components/ErrorNotice';
import { TaskDocument, type TaskDetailFragment } from '../../gql/graphql';
import type { MessageKey } from '../../i18n/zh';
import { usePrefs } from '../../lib/prefs';
import { Link, useSearchParams } from '../../lib/router';
import { InstantInput } from '../../components/Field';

interface Row {
  readonly label: string;
  readonly key: string;
  readonly render: (task: TaskDetailFragment) => ReactNode;
  readonly value: (task: TaskDetailFragment) => string;
}

/** One task at two instants, side by side; rows that differ say so in words, not only colour. */
export function ComparePage({ id }: { id: string }) {
  const { t, instant, zoneName } = usePrefs();
  const htmlId = useId();
  const [params, setParams] = useSearchParams();
  const a = params.get('a');
  const b = params.get('b');
  const [left] = useQuery({ query: TaskDocument, variables: { id, asOf: a }, pause: !a });
  const [right] = useQuery({ query: TaskDocument, variables: { id, asOf: b } });

  const rows: Row[] = [
    {
      key: 'status',
      label: t('colStatus'),
      render: (x) => <StatusBadge status={x.status} />,
      value: (x) => x.status,
    },
    {
      key: 'health',
      label: t('colHealth'),
      render: (x) => <HealthBadge health={x.health} />,
      value: (x) => x.health,
    },
    {
      key: 'progress',
      label: t('taskProgress'),
      render: (x) => `${x.progress}%`,
      value: (x) => String(x.progress),
    },
    { key: 'unit', label: t('taskUnit'), render: (x) => x.unit.name, value: (x) => x.unit.id },
    {
      key: 'assignee',
      label: t('taskAssignee'),
      render: (x) => x.assignee ?? '—',
      value: (x) => x.assignee ?? '',
    },
    {
      key: 'deadline',
      label: t('taskDeadline'),
      render: (x) => instant(x.deadline),
      value: (x) => x.deadline,
    },
    {
      key: 'overdue',
      label: t('colOverdue'),
      render: (x) => (x.overdue ? t('yes') : t('no')),
      value: (x) => String(x.overdue),
    },
    {
      key: 'acknowledged',
      label: t('taskAcknowledged'),
      render: (x) => (x.acknowledgedAt ? instant(x.acknowledgedAt) : t('taskNotAcknowledged')),
      value: (x) => x.acknowledgedAt ?? '',
    },
    ...((right.data?.task ?? left.data?.task)?.targets ?? []).map((target): Row => ({
      key: `metric-${target.key}`,
      label: `${target.label}（${t('metricTarget')} ${target.target}${target.unit ?? ''}）`,
      render: (x) => {
        const m = x.metrics.find((metric) => metric.key === target.key);
        return m ? `${m.value}${target.unit ?? ''}` : '—';
      },
      value: (x) => String(x.metrics.find((metric) => metric.key === target.key)?.value ?? ''),
    })),
    {
      key: 'revision',
      label: t('taskRevision', { revision: '' }).trim(),
      render: (x) => x.revision,
      value: (x) => String(x.revision),
    },
    {
      key: 'events',
      label: t('compareEvents'),
      render: (x) => x.history.length,
      value: (x) => String(x.history.length),
    },
    {
      key: 'updated',
      label: t('taskUpdated'),
      render: (x) => instant(x.updatedAt),
      value: (x) => x.updatedAt,
    },
  ];

  const picker = (name: 'a' | 'b', label: MessageKey, value: string | null) => (
    <div className="field">
      <label htmlFor={`${htmlId}-${name}`}>{t(label, { zone: zoneName })}</label>
      <InstantInput
        id={`${htmlId}-${name}`}
        value={value ?? new Date().toISOString()}
        onChange={(iso) => {
          if (iso) setParams({ [name]: iso });
        }}
      />
    </div>
  );

  const leftTask = left.data?.task ?? null;
  const rightTask = right.data?.task ?? null;
  const title = rightTask?.title ?? leftTask?.title ?? id;
  return (
    <section aria-labelledby="compare-title">
      <p>
        <Link to={`/tasks/${id}`}>‹ {t('backToTask')}</Link>
      </p>
      <h1 id="compare-title">
        {t('compareTitle')}: {title}
      </h1>
      <div className="form-grid compare-pickers">
        {picker('a', 'compareA', a)}
        {picker('b', 'compareB', b)}
      </div>
      {left.error && <ErrorNotice error={left.error} />}
      {right.error && <ErrorNotice error={right.error} />}
      <div className="board-scroll">
        <table className="compare" data-testid="compare-table">
          <thead>
            <tr>
              <th scope="col">{t('compareField')}</th>
              <th scope="col">A · {a ? instant(a) : t('liveView')}</th>
              <th scope="col">B · {b ? instant(b) : t('liveView')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('compareDiffers')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const differs =
                (leftTask ? row.value(leftTask) : null) !== (rightTask ? row.value(rightTask) : null);
              return (
                <tr
                  key={row.key}
                  className={differs ? 'differs' : undefined}
                  data-row={row.key}
                  data-differs={differs}
                >
                  <th scope="row">{row.label}</th>
                  <td>{leftTask ? row.render(leftTask) : t('compareNotYet')}</td>
                  <td>{rightTask ? row.render(rightTask) : t('compareNotYet')}</td>
                  <td>
                    {differs ? (
                      `≠ ${t('compareDiffers')}`
                    ) : (
                      <span className="muted">= {t('compareSame')}</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
