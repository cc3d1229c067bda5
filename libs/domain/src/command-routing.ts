import type { ProgramCommand, ProgramEvent } from './program/program.js';
import { programDecider } from './program/program.decider.js';
import type { ProgramState } from './program/program.state.js';
import type { Decider } from './shared/decider.js';
import { programStream, taskStream, unitStream } from './shared/streams.js';
import { taskId } from './shared/validation.js';
import type { TaskCommand } from './task/task.commands.js';
import { taskDecider } from './task/task.decider.js';
import type { TaskEvent } from './task/task.events.js';
import type { TaskState } from './task/task.state.js';
import type { UnitCommand, UnitEvent } from './unit/unit.js';
import { unitDecider } from './unit/unit.decider.js';
import type { UnitState } from './unit/unit.state.js';

/** Every command a stream of ours accepts. */
export type DomainCommand = TaskCommand | UnitCommand | ProgramCommand;

/** A command before the pipeline stamps it with who and when (distributes over unions). */
export type WithoutMetadata<C> = C extends unknown ? Omit<C, 'metadata'> : never;

/** What a caller sends to the pipeline: the command, the actor and instant come with the context. */
export type UnstampedCommand = WithoutMetadata<DomainCommand>;

/** The folded state a command answers with, by the aggregate its type belongs to. */
export type StateOf<C extends { type: string }> = C extends { type: TaskCommand['type'] }
  ? TaskState
  : C extends { type: UnitCommand['type'] }
    ? UnitState
    : C extends { type: ProgramCommand['type'] }
      ? ProgramState
      : never;

/** Where a command goes: the stream it is decided on and the decider that decides it. */
export interface CommandRoute<S> {
  readonly streamId: string;
  readonly decider: Decider<S, DomainCommand, TaskEvent | UnitEvent | ProgramEvent>;
}

/**
 * The one mapping from a command to its stream and decider, so that every sender (API,
 * worker, CLI, bench) writes to the same stream for the same command. The task id is checked
 * here because it becomes part of a stream name before any decider sees it.
 */
export function routeCommand<C extends UnstampedCommand>(command: C): CommandRoute<StateOf<C>> {
  const route = (streamId: string, decider: object): CommandRoute<StateOf<C>> => ({
    streamId,
    decider: decider as CommandRoute<StateOf<C>>['decider'],
  });
  const sent: UnstampedCommand = command;
  switch (sent.type) {
    case 'AssignTask':
    case 'AcknowledgeTask':
    case 'ReportProgress':
    case 'ChangeDeadline':
    case 'ReassignTask':
    case 'BlockTask':
    case 'UnblockTask':
    case 'CompleteTask':
    case 'ReopenTask':
    case 'CancelTask':
    case 'AddComment':
    case 'RecordReminder':
      return route(taskStream(taskId('taskId', sent.data.taskId)), taskDecider);
    case 'RegisterUnit':
    case 'UpdateUnit':
      return route(unitStream(sent.data.unitId), unitDecider);
    case 'RegisterProgram':
      return route(programStream(sent.data.programId), programDecider);
    default: {
      const unknown: never = sent;
      throw new Error(`no route for command ${(unknown as { type: string }).type}`);
    }
  }
}
