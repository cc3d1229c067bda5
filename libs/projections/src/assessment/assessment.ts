import { isOverdue, wasOverdueAt, type TaskState } from '#domain';
import { compare, type LogFold } from '../as-of/log-fold.js';

/** A period of the assessment (考核): instants, `from` null for "since the beginning". */
export interface Period {
  readonly from: string | null;
  readonly to: string;
}

/**
 * Which tasks a period assesses, each as it stood at `to`: every task assigned by then,
 * except those CANCELLED (a cancelled task is nobody's failure) and those already
 * COMPLETED before `from` (last period's work). A task counts for the unit that holds it
 * at `to`.
 */
export function inPeriod(task: TaskState, period: Period): boolean {
  if (!task.exists || task.status === 'CANCELLED') return false;
  if (period.from !== null && task.completedAt !== null && task.completedAt < period.from) return false;
  return true;
}

/** Completed and never overdue: not completed after its deadline, nor worked on past it. */
export const completedOnTime = (task: TaskState): boolean => task.status === 'COMPLETED' && !task.wasOverdue;

/** Completed, but after its deadline or after having been overdue (the report's 逾期办结). */
export const completedLate = (task: TaskState): boolean => task.status === 'COMPLETED' && task.wasOverdue;

export interface UnitScoreRow {
  readonly unitId: string;
  readonly total: number;
  readonly completed: number;
  readonly completedOnTime: number;
  /** Open and past the deadline at `to`. */
  readonly overdue: number;
  /** Ever overdue by `to` (completed late included). */
  readonly wasOverdue: number;
  /** completedOnTime / total; 0 when total is 0. */
  readonly onTimeRate: number;
}

/**
 * unitScores: per unit, the period's tasks (see inPeriod) from a fold as of `period.to`.
 * Every registered unit is listed (a unit with no task scores 0). Ranked by onTimeRate,
 * then completedOnTime, then total (all descending), then unit id.
 */
export function unitScores(fold: LogFold, period: Period): UnitScoreRow[] {
  const rows = new Map<
    string,
    { total: number; completed: number; onTime: number; overdue: number; was: number }
  >();
  const row = (unitId: string) => {
    let found = rows.get(unitId);
    if (!found) {
      found = { total: 0, completed: 0, onTime: 0, overdue: 0, was: 0 };
      rows.set(unitId, found);
    }
    return found;
  };
  for (const unit of fold.units.values()) if (unit.exists) row(unit.unitId);
  for (const task of fold.existingTasks()) {
    if (!inPeriod(task, period)) continue;
    const r = row(task.unitId);
    r.total++;
    if (task.status === 'COMPLETED') r.completed++;
    if (completedOnTime(task)) r.onTime++;
    if (isOverdue(task, period.to)) r.overdue++;
    if (wasOverdueAt(task, period.to)) r.was++;
  }
  return [...rows]
    .map(([unitId, r]) => ({
      unitId,
      total: r.total,
      completed: r.completed,
      completedOnTime: r.onTime,
      overdue: r.overdue,
      wasOverdue: r.was,
      onTimeRate: r.total === 0 ? 0 : r.onTime / r.total,
    }))
    .sort(
      (a, b) =>
        b.onTimeRate - a.onTimeRate ||
        b.completedOnTime - a.completedOnTime ||
        b.total - a.total ||
        compare(a.unitId, b.unitId),
    );
}

export interface MetricTotalRow {
  readonly programId: string;
  readonly key: string;
  readonly label: string;
  readonly target: number;
  readonly achieved: number;
  readonly unit: string | null;
}

/** Percentages are averaged, not added: two tasks at 95 % satisfaction are 95 %, not 190 %. */
export const isPercent = (unit: string | null | undefined): boolean => unit === '%' || unit === '％';

/**
 * metricTotals: targets against the latest reported values, per programme and metric (key,
 * label and measuring unit: 人 and 份 never add up, nor 培训师资 and 线上参训教师 that share
 * a key), over `tasks` — by default every task that
 * is not CANCELLED. A task that reported nothing for a key achieved 0. Percentages are
 * averaged: the target over the tasks that set it, the achievement over those that reported.
 * Rows are ordered by programme id, then by first appearance of the key.
 */
export function metricTotals(
  tasks: readonly TaskState[],
  options: { programId?: string | null } = {},
): MetricTotalRow[] {
  interface Sum {
    programId: string;
    key: string;
    label: string;
    unit: string | null;
    targets: number[];
    reported: number[];
  }
  const sums = new Map<string, Sum>();
  for (const task of tasks) {
    if (!task.exists || task.status === 'CANCELLED') continue;
    if (options.programId != null && task.programId !== options.programId) continue;
    const values = new Map(task.metrics.map((m) => [m.key, m.value]));
    for (const target of task.targets) {
      const unit = target.unit ?? null;
      const id = JSON.stringify([task.programId, target.key, target.label, unit]);
      let sum = sums.get(id);
      if (!sum) {
        sum = {
          programId: task.programId,
          key: target.key,
          label: target.label,
          unit,
          targets: [],
          reported: [],
        };
        sums.set(id, sum);
      }
      sum.targets.push(target.target);
      const value = values.get(target.key);
      if (value !== undefined) sum.reported.push(value);
      else if (!isPercent(unit)) sum.reported.push(0);
    }
  }
  const total = (values: number[], percent: boolean) => {
    const added = values.reduce((a, b) => a + b, 0);
    return percent ? (values.length === 0 ? 0 : added / values.length) : added;
  };
  return [...sums.values()]
    .map((s, order) => ({ s, order }))
    .sort((a, b) => compare(a.s.programId, b.s.programId) || a.order - b.order)
    .map(({ s }) => ({
      programId: s.programId,
      key: s.key,
      label: s.label,
      target: total(s.targets, isPercent(s.unit)),
      achieved: total(s.reported, isPercent(s.unit)),
      unit: s.unit,
    }));
}
