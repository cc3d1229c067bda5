import {
  routeCommand,
  ValidationError,
  type DomainCommand,
  type StateOf,
  type UnstampedCommand,
} from '#domain';
import { handleCommand, type CommandContext, type CommandResult } from './command-pipeline.js';
import type { EventStore } from './event-store.port.js';

const MAX_IDEMPOTENCY_KEY = 200;

/**
 * The application entry every sender uses (API, worker, CLI, bench): route the command to
 * its stream and decider, stamp it with the context's actor and instant, and run it through
 * the one command pipeline. The options a client may send are checked here, before any read.
 */
export async function executeCommand<C extends UnstampedCommand>(
  store: EventStore,
  command: C,
  context: CommandContext,
): Promise<CommandResult<StateOf<C>>> {
  const { streamId, decider } = routeCommand(command);
  checkOptions(context);
  const issued = { ...command, metadata: { actor: context.actor, now: context.now } } as DomainCommand;
  return handleCommand(store, streamId, decider, issued, context);
}

function checkOptions({ expectedRevision = null, idempotencyKey = null }: CommandContext): void {
  if (expectedRevision !== null && expectedRevision < -1) {
    throw new ValidationError('expectedRevision', 'must be -1 or more');
  }
  if (
    idempotencyKey !== null &&
    (idempotencyKey.length === 0 || idempotencyKey.length > MAX_IDEMPOTENCY_KEY)
  ) {
    throw new ValidationError('idempotencyKey', `must be 1 to ${MAX_IDEMPOTENCY_KEY} characters`);
  }
}
