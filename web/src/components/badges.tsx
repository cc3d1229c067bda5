import type { TaskHealth, TaskStatus } from '../gql/graphql';
import { usePrefs } from '../lib/prefs';

/** An icon AND words beside the colour: a traffic light must not rely on colour alone. */
const HEALTH_ICON: Record<TaskHealth, string> = { GREEN: '✔', YELLOW: '▲', RED: '✖' };

export function HealthBadge({ health, compact = false }: { health: TaskHealth | null; compact?: boolean }) {
  const { t } = usePrefs();
  if (!health) {
    return <span className="health health-none">{compact ? '—' : t('healthNone')}</span>;
  }
  const label = t(`health${health}`);
  return (
    <span className={`health health-${health.toLowerCase()}`} data-health={health} title={label}>
      <span aria-hidden="true" className="health-icon">
        {HEALTH_ICON[health]}
      </span>{' '}
      <span className={compact ? 'health-text-compact' : undefined}>{label}</span>
    </span>
  );
}

export function StatusBadge({ status }: { status: TaskStatus }) {
  const { t } = usePrefs();
  return (
    <span className={`status status-${status.toLowerCase()}`} data-status={status}>
      {t(`status${status}`)}
    </span>
  );
}

export function ProgressBar({ value, label }: { value: number; label: string }) {
  const clamped = Math.max(0, Math.min(100, value));
  return (
    <div className="progress">
      <div
        className="progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={clamped}
      >
        <div className="progress-fill" style={{ width: `${clamped}%` }} />
      </div>
      <span className="progress-text">{clamped}%</span>
    </div>
  );
}
