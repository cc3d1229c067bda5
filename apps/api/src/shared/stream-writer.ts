import { ValidationError, type CommandMetadata, type Decider } from '#domain';
import { handleCommand, type CommandResult, type EventStore } from '#event-store';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { RequestContext } from '../auth/request-context.js';
import { Projector } from '#projections';
import { EVENT_STORE } from '../infrastructure/tokens.js';
import { recordCommand } from '../metrics/command-metrics.js';

/** How long a mutation waits for the projector to apply its own write (read-your-writes). */
export const READ_YOUR_WRITES_TIMEOUT_MS = 5000;

const MAX_IDEMPOTENCY_KEY = 200;

export interface WriteOptions {
  readonly expectedRevision?: number | null;
  readonly idempotencyKey?: string | null;
}

export interface WriteResult<S> extends CommandResult<S> {
  /** False when the projector had not caught up within the timeout: read from `state` instead. */
  readonly projected: boolean;
}

/**
 * Every mutation goes through here: the generic command pipeline of libs/event-store with
 * the caller's identity, time and correlation id, then a wait until the projector has
 * applied the write, so the read model a mutation answers from is never older than it.
 */
@Injectable()
export class StreamWriter {
  private readonly logger = new Logger(StreamWriter.name);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projector: Projector,
  ) {}

  async write<S, C extends { metadata: CommandMetadata }, E extends { type: string; data: unknown }>(
    streamId: string,
    decider: Decider<S, C, E>,
    command: WithoutMetadata<C>,
    request: RequestContext,
    options: WriteOptions = {},
  ): Promise<WriteResult<S>> {
    const { expectedRevision, idempotencyKey } = checkWriteOptions(options);
    const metadata: CommandMetadata = { actor: request.actor, now: new Date().toISOString() };
    // The command as the domain receives it: the caller's input stamped with who and when.
    const issued = { ...command, metadata } as unknown as C;
    const type = (issued as unknown as { type: string }).type;
    let result: CommandResult<S>;
    try {
      result = await handleCommand(this.store, streamId, decider, issued, {
        actor: metadata.actor,
        now: metadata.now,
        correlationId: request.correlationId,
        expectedRevision,
        idempotencyKey,
      });
    } catch (error) {
      recordCommand(type, { error });
      throw error;
    }
    recordCommand(type, result);
    const projected =
      result.position === 0n ||
      (await this.projector.waitForPosition(result.position, READ_YOUR_WRITES_TIMEOUT_MS));
    if (!projected)
      this.logger.warn(`projector did not reach ${result.position} in time; answering from the stream`);
    return { ...result, projected };
  }
}

/** A domain command before the writer stamps it with who and when (distributes over unions). */
export type WithoutMetadata<C> = C extends unknown ? Omit<C, 'metadata'> : never;

function checkWriteOptions(options: WriteOptions): {
  expectedRevision: number | null;
  idempotencyKey: string | null;
} {
  const { expectedRevision = null, idempotencyKey = null } = options;
  if (expectedRevision !== null && expectedRevision < -1) {
    throw new ValidationError('expectedRevision', 'must be -1 or more');
  }
  if (
    idempotencyKey !== null &&
    (idempotencyKey.length === 0 || idempotencyKey.length > MAX_IDEMPOTENCY_KEY)
  ) {
    throw new ValidationError('idempotencyKey', `must be 1 to ${MAX_IDEMPOTENCY_KEY} characters`);
  }
  return { expectedRevision, idempotencyKey };
}
