import { authorizeRole, validate, type StateOf, type UnstampedCommand } from '#domain';
import { executeCommand, type CommandResult, type EventStore } from '#event-store';
import { Projector } from '#projections';
import { Inject, Logger } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RequestContext } from '../auth/request-context.js';
import { EVENT_STORE } from '../infrastructure/tokens.js';
import { recordCommand } from '../metrics/command-metrics.js';
import { Directory } from './directory.js';

/** How long a mutation waits for the projector to apply its own write (read-your-writes). */
export const READ_YOUR_WRITES_TIMEOUT_MS = 5000;

export interface WriteOptions {
  /** Sent by the client: when the stream has moved on it gets CONFLICT instead of a retry. */
  readonly expectedRevision?: number | null;
  readonly idempotencyKey?: string | null;
}

/**
 * A domain command on the bus with who sends it and when: nothing in it belongs to a
 * transport, so any adapter can send it, not only a GraphQL resolver.
 */
export class ExecuteCommand<C extends UnstampedCommand = UnstampedCommand> extends Command<
  CommandResult<StateOf<C>>
> {
  constructor(
    readonly command: C,
    readonly request: RequestContext,
    readonly options: WriteOptions = {},
  ) {
    super();
  }
}

/**
 * Every mutation goes through here: the directory references the command names, then the
 * one application entry of libs/event-store with the caller's identity, the request's instant
 * and correlation id, then a wait until the projector has applied the write, so the read
 * model the next query reads is never older than the mutation's answer.
 */
@CommandHandler(ExecuteCommand)
export class ExecuteCommandHandler implements ICommandHandler<ExecuteCommand> {
  private readonly logger = new Logger(ExecuteCommandHandler.name);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projector: Projector,
    private readonly directory: Directory,
  ) {}

  async execute({
    command,
    request,
    options,
  }: ExecuteCommand): Promise<CommandResult<StateOf<UnstampedCommand>>> {
    await this.requireReferences(command, request);
    let result: CommandResult<StateOf<UnstampedCommand>>;
    try {
      result = await executeCommand(this.store, command, {
        actor: request.actor,
        now: request.now,
        correlationId: request.correlationId,
        expectedRevision: options.expectedRevision ?? null,
        idempotencyKey: options.idempotencyKey ?? null,
      });
    } catch (error) {
      recordCommand(command.type, { error });
      throw error;
    }
    recordCommand(command.type, result);
    const projected =
      result.position === 0n ||
      (await this.projector.waitForPosition(result.position, READ_YOUR_WRITES_TIMEOUT_MS));
    if (!projected)
      this.logger.warn(`projector did not reach ${result.position} in time; answering from the stream`);
    return result;
  }

  /**
   * The unit and programme a task is given to must exist in the event store (not the read
   * model: one registered a moment ago counts). Who may send the command is checked first, as
   * the decider would, so a caller who may not learns nothing about the directory.
   */
  private async requireReferences(command: UnstampedCommand, request: RequestContext): Promise<void> {
    if (command.type !== 'AssignTask' && command.type !== 'ReassignTask') return;
    authorizeRole({ ...command, metadata: { actor: request.actor, now: request.now } });
    if (command.type === 'AssignTask') {
      validate.taskId('taskId', command.data.taskId);
      await this.directory.requireProgram('programId', command.data.programId);
    }
    await this.directory.requireUnit('unitId', command.data.unitId);
  }
}
