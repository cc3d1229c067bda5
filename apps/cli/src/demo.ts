/**
 * `chessboard demo` (`npm run demo`): loads the 2023-report demo plan into the configured event store,
 * whether or not the server is running (the projector picks the events up from the
 * log). Every command carries an idempotency key, so running it twice adds nothing.
 */
import { randomUUID } from 'node:crypto';
import { type Actor, type TaskCommand } from '#domain';
import { executeCommand, type EventStore } from '#event-store';
import { DEMO_PROGRAMS, DEMO_TASKS, DEMO_UNITS, type DemoStep, type DemoTask } from './demo-plan.js';

const DAY = 86_400_000;

export const DEMO_OFFICE: Actor = { id: 'office-demo', name: '对口支援办公室', role: 'office' };
const managerOf = (unitId: string): Actor => ({
  id: `manager-${unitId}`,
  name: `${DEMO_UNITS.find((u) => u.id === unitId)?.name ?? unitId}负责人`,
  role: 'unit_manager',
  unitId,
});

export interface DemoSummary {
  units: number;
  programs: number;
  tasks: number;
  eventsWritten: number;
}

/** Loads the plan relative to `now` (ISO); returns how many events were newly written. */
export async function loadDemo(
  store: EventStore,
  now: string = new Date().toISOString(),
): Promise<DemoSummary> {
  const base = Date.parse(now);
  const at = (day: number): string => new Date(base + day * DAY).toISOString();
  const yearStart = at(-320);
  const correlationId = randomUUID();
  let eventsWritten = 0;
  const count = (r: { events: readonly unknown[]; duplicate: boolean }): void => {
    if (!r.duplicate) eventsWritten += r.events.length;
  };

  const once = (metadata: { readonly actor: Actor; readonly now: string }, key: string) => ({
    ...metadata,
    correlationId,
    idempotencyKey: `demo:${key}`,
  });
  const registered = { actor: DEMO_OFFICE, now: yearStart };

  for (const { id, name, contacts } of DEMO_UNITS) {
    const command = {
      type: 'RegisterUnit' as const,
      data: { unitId: id, name, contacts },
      metadata: registered,
    };
    count(await executeCommand(store, command, once(registered, `unit:${id}`)));
  }
  for (const { id, name, region } of DEMO_PROGRAMS) {
    const command = {
      type: 'RegisterProgram' as const,
      data: { programId: id, name, region },
      metadata: registered,
    };
    count(await executeCommand(store, command, once(registered, `program:${id}`)));
  }

  for (const task of DEMO_TASKS) {
    const commands: Array<{ key: string; command: TaskCommand }> = [
      { key: 'assign', command: assignCommand(task, at) },
      ...task.steps.map((step, i) => ({ key: `step-${i}`, command: stepCommand(task, step, at) })),
    ];
    for (const { key, command } of commands) {
      count(await executeCommand(store, command, once(command.metadata, `task:${task.id}:${key}`)));
    }
  }
  return {
    units: DEMO_UNITS.length,
    programs: DEMO_PROGRAMS.length,
    tasks: DEMO_TASKS.length,
    eventsWritten,
  };
}

function assignCommand(task: DemoTask, at: (day: number) => string): TaskCommand {
  return {
    type: 'AssignTask',
    data: {
      taskId: task.id,
      title: task.title,
      description: task.description,
      programId: task.programId,
      partner: task.partner,
      unitId: task.unitId,
      assignee: task.assignee,
      deadline: at(task.deadlineDay),
      targets: task.targets,
    },
    metadata: { actor: DEMO_OFFICE, now: at(task.assignedDay) },
  };
}

function stepCommand(task: DemoTask, step: DemoStep, at: (day: number) => string): TaskCommand {
  const taskId = task.id;
  const manager = { actor: managerOf(task.unitId), now: at(step.day) };
  switch (step.do) {
    case 'acknowledge':
      return { type: 'AcknowledgeTask', data: { taskId, note: step.note ?? null }, metadata: manager };
    case 'progress':
      return {
        type: 'ReportProgress',
        data: {
          taskId,
          progress: step.progress,
          note: step.note,
          metrics: step.metrics,
          evidence: step.evidence,
        },
        metadata: manager,
      };
    case 'block':
      return { type: 'BlockTask', data: { taskId, reason: step.reason }, metadata: manager };
    case 'unblock':
      return { type: 'UnblockTask', data: { taskId, note: step.note ?? null }, metadata: manager };
    case 'deadline':
      return {
        type: 'ChangeDeadline',
        data: { taskId, deadline: at(step.deadlineDay), reason: step.reason },
        metadata: { actor: DEMO_OFFICE, now: at(step.day) },
      };
    case 'complete':
      return {
        type: 'CompleteTask',
        data: { taskId, summary: step.summary, metrics: step.metrics, evidence: step.evidence },
        metadata: manager,
      };
    case 'comment':
      return { type: 'AddComment', data: { taskId, text: step.text }, metadata: manager };
  }
}
