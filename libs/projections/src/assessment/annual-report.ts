import { isOverdue, wasOverdueAt, type TaskStatus } from '#domain';
import {
  completedLate,
  completedOnTime,
  inPeriod,
  metricTotals,
  unitScores,
  type MetricTotalRow,
  type Period,
  type UnitScoreRow,
} from './assessment.js';
import { compare, type LogFold } from '../as-of/log-fold.js';

export interface ReportTask {
  readonly id: string;
  readonly title: string;
  readonly unitId: string;
  readonly unitName: string;
  readonly partner: string | null;
  readonly status: TaskStatus;
  readonly progress: number;
  readonly deadline: string;
  readonly completedAt: string | null;
  /** Open and past the deadline at the end of the period. */
  readonly overdue: boolean;
  readonly wasOverdue: boolean;
  readonly evidence: number;
  readonly metrics: readonly {
    key: string;
    label: string;
    target: number;
    achieved: number | null;
    unit: string | null;
  }[];
}

/** The figures every section and the summary share. */
export interface ReportCounts {
  readonly tasks: number;
  readonly completed: number;
  readonly completedOnTime: number;
  readonly completedLate: number;
  /** Neither completed nor cancelled at the end of the period. */
  readonly open: number;
  readonly overdue: number;
  readonly wasOverdue: number;
  readonly evidence: number;
}

export interface ProgramSection {
  readonly programId: string;
  readonly name: string;
  readonly region: string | null;
  readonly partners: readonly string[];
  readonly counts: ReportCounts;
  readonly targets: readonly MetricTotalRow[];
  readonly tasks: readonly ReportTask[];
}

export interface AnnualReport {
  readonly year: number;
  readonly period: Period;
  readonly timeZone: string;
  readonly totals: ReportCounts & {
    readonly units: number;
    readonly programs: number;
    readonly partners: number;
  };
  readonly programs: readonly ProgramSection[];
  readonly ranking: readonly (UnitScoreRow & { readonly unitName: string })[];
  /** Completed after the deadline (or after having been overdue), latest completion last. */
  readonly completedLate: readonly ReportTask[];
  /** Events folded (those that occurred by the end of the period). */
  readonly events: number;
}

/**
 * The annual report's figures, from a fold of the log as of the end of the year: the
 * same tasks the assessment counts for the year (see inPeriod), one section per programme
 * (in the order the programmes were registered), the unit ranking (unitScores) and the tasks completed late.
 * Every figure is a function of the events alone, so an auditor gets the same report from
 * an audit bundle as from the live store.
 */
export function buildAnnualReport(
  fold: LogFold,
  year: number,
  period: Period,
  timeZone: string,
): AnnualReport {
  const tasks = fold.existingTasks().filter((task) => inPeriod(task, period));
  const reportTasks = new Map(
    tasks.map((task) => {
      const values = new Map(task.metrics.map((m) => [m.key, m.value]));
      const row: ReportTask = {
        id: task.taskId,
        title: task.title,
        unitId: task.unitId,
        unitName: fold.unitName(task.unitId),
        partner: task.partner,
        status: task.status,
        progress: task.progress,
        deadline: task.deadline,
        completedAt: task.completedAt,
        overdue: isOverdue(task, period.to),
        wasOverdue: wasOverdueAt(task, period.to),
        evidence: task.evidence.length,
        metrics: task.targets.map((t) => ({
          key: t.key,
          label: t.label,
          target: t.target,
          achieved: values.get(t.key) ?? null,
          unit: t.unit ?? null,
        })),
      };
      return [task.taskId, row];
    }),
  );
  const count = (subset: typeof tasks): ReportCounts => ({
    tasks: subset.length,
    completed: subset.filter((t) => t.status === 'COMPLETED').length,
    completedOnTime: subset.filter(completedOnTime).length,
    completedLate: subset.filter(completedLate).length,
    open: subset.filter((t) => t.status !== 'COMPLETED').length,
    overdue: subset.filter((t) => isOverdue(t, period.to)).length,
    wasOverdue: subset.filter((t) => wasOverdueAt(t, period.to)).length,
    evidence: subset.reduce((sum, t) => sum + t.evidence.length, 0),
  });
  const partnersOf = (subset: typeof tasks) =>
    [...new Set(subset.flatMap((t) => (t.partner === null ? [] : [t.partner])))].sort(compare);

  // Programmes in the order they were registered (as the office planned the year), unknown ones last.
  const registered = [...fold.programs.keys()];
  const rank = (id: string) => (registered.includes(id) ? registered.indexOf(id) : registered.length);
  const programIds = [...new Set(tasks.map((t) => t.programId))].sort(
    (a, b) => rank(a) - rank(b) || compare(a, b),
  );
  const programs = programIds.map((programId): ProgramSection => {
    const subset = tasks.filter((t) => t.programId === programId);
    const program = fold.programs.get(programId);
    return {
      programId,
      name: fold.programName(programId),
      region: program?.region ?? null,
      partners: partnersOf(subset),
      counts: count(subset),
      targets: metricTotals(subset),
      tasks: subset
        .sort((a, b) => compare(a.deadline, b.deadline) || compare(a.taskId, b.taskId))
        .map((t) => reportTasks.get(t.taskId)!),
    };
  });

  const ranking = unitScores(fold, period)
    .filter((row) => row.total > 0)
    .map((row) => ({ ...row, unitName: fold.unitName(row.unitId) }));

  return {
    year,
    period,
    timeZone,
    totals: {
      ...count(tasks),
      units: new Set(tasks.map((t) => t.unitId)).size,
      programs: programIds.length,
      partners: partnersOf(tasks).length,
    },
    programs,
    ranking,
    completedLate: tasks
      .filter(completedLate)
      .sort((a, b) => compare(a.completedAt ?? '', b.completedAt ?? '') || compare(a.taskId, b.taskId))
      .map((t) => reportTasks.get(t.taskId)!),
    events: fold.events,
  };
}
