/**
 * The demo plan's year, worked out from the plan itself (apps/cli/src/demo-plan.ts), not
 * from events: what the assessment and the annual report must say when the demo is loaded
 * with `loadDemo(store, DEMO_YEAR_END_NOW)`. Tests compare the system's figures with these.
 */
import { DEMO_PROGRAMS, DEMO_TASKS, DEMO_UNITS, type DemoTask } from '../demo-plan.js';

/** Loading the demo at this "now" puts every step of the plan in 2023 (Beijing time): now is 2024-01-01 00:00. */
export const DEMO_YEAR_END_NOW = '2023-12-31T16:00:00.000Z';
export const YEAR_2023 = { from: '2022-12-31T16:00:00.000Z', to: '2023-12-31T15:59:59.999Z' } as const;

export interface PlannedTask {
  readonly task: DemoTask;
  readonly completed: boolean;
  /** Completed after its deadline, or anything happened to it while open past its deadline. */
  readonly wasOverdue: boolean;
  /** Open at the end of the year (day 0) with its deadline passed. */
  readonly overdue: boolean;
  readonly evidence: number;
  /** Latest reported value per metric key. */
  readonly achieved: ReadonlyMap<string, number>;
}

/** Follows one task's steps in day order, as a reader of the plan would. */
export function planned(task: DemoTask): PlannedTask {
  let deadline = task.deadlineDay;
  let completed = false;
  let wasOverdue = false;
  const evidence = new Set<string>();
  const achieved = new Map<string, number>();
  for (const step of task.steps) {
    if (!completed && step.day > deadline) wasOverdue = true;
    if (step.do === 'deadline') deadline = step.deadlineDay;
    if (step.do === 'progress' || step.do === 'complete') {
      for (const m of step.metrics ?? []) achieved.set(m.key, m.value);
      for (const e of step.evidence ?? []) evidence.add(e);
    }
    if (step.do === 'complete') completed = true;
  }
  const overdue = !completed && deadline < 0;
  return { task, completed, wasOverdue: wasOverdue || overdue, overdue, evidence: evidence.size, achieved };
}

export const PLANNED = DEMO_TASKS.map(planned);

export interface PlannedCounts {
  tasks: number;
  completed: number;
  completedOnTime: number;
  completedLate: number;
  overdue: number;
  wasOverdue: number;
  evidence: number;
}

export function countsOf(tasks: readonly PlannedTask[]): PlannedCounts {
  return {
    tasks: tasks.length,
    completed: tasks.filter((t) => t.completed).length,
    completedOnTime: tasks.filter((t) => t.completed && !t.wasOverdue).length,
    completedLate: tasks.filter((t) => t.completed && t.wasOverdue).length,
    overdue: tasks.filter((t) => t.overdue).length,
    wasOverdue: tasks.filter((t) => t.wasOverdue).length,
    evidence: tasks.reduce((sum, t) => sum + t.evidence, 0),
  };
}

/** Per unit, in the plan's unit order. */
export function plannedUnitScores() {
  return DEMO_UNITS.map((unit) => {
    const counts = countsOf(PLANNED.filter((t) => t.task.unitId === unit.id));
    return {
      unitId: unit.id,
      name: unit.name,
      total: counts.tasks,
      completed: counts.completed,
      completedOnTime: counts.completedOnTime,
      overdue: counts.overdue,
      wasOverdue: counts.wasOverdue,
      onTimeRate: counts.tasks === 0 ? 0 : counts.completedOnTime / counts.tasks,
    };
  });
}

/** Per programme and metric (key, label, unit): targets and achievements added up over the programme's tasks. */
export function plannedTargets(programId: string) {
  const rows = new Map<
    string,
    {
      key: string;
      label: string;
      unit: string | null;
      target: number;
      achieved: number;
      n: number;
      reported: number;
    }
  >();
  for (const t of PLANNED.filter((p) => p.task.programId === programId)) {
    for (const target of t.task.targets) {
      const id = JSON.stringify([target.key, target.label, target.unit ?? null]);
      const row = rows.get(id) ?? {
        key: target.key,
        label: target.label,
        unit: target.unit ?? null,
        target: 0,
        achieved: 0,
        n: 0,
        reported: 0,
      };
      row.target += target.target;
      row.n++;
      const value = t.achieved.get(target.key);
      if (value !== undefined) {
        row.achieved += value;
        row.reported++;
      }
      rows.set(id, row);
    }
  }
  // Percentages are averaged.
  return [...rows.values()].map(({ n, reported, ...row }) =>
    row.unit === '%'
      ? { ...row, target: row.target / n, achieved: reported === 0 ? 0 : row.achieved / reported }
      : row,
  );
}

export const PROGRAM_IDS = DEMO_PROGRAMS.map((p) => p.id);
