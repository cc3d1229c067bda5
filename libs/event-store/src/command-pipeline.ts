import { ConcurrencyError, type Actor, type Recorded } from '#domain';
import type { EventStore, RecordedEvent } from './event-store.port.js';

/** The pure half of an aggregate (Emmett's Decider): the pipeline supplies all I/O. */
export interface Decider<S, C, E extends { type: string; data: unknown }> {
  initialState(): S;
  evolve(state: S, event: Recorded<E>): S;
  decide(command: C, state: S): E[];
}

export interface CommandContext {
  actor: Actor;
  /** ISO-8601 instant; becomes each event's occurredAt. */
  now: string;
  correlationId: string;
  causationId?: string | null;
  /** Sent by the client: when the stream has moved on it gets CONFLICT, never a silent retry. */
  expectedRevision?: number | null;
  idempotencyKey?: string | null;
  /** Re-read/re-decide attempts after a conflict when the client sent no expectedRevision (default 5). */
  maxRetries?: number;
}

export interface CommandResult<S> {
  /** State after the command: read-your-writes without waiting for projections. */
  state: S;
  /** The events this command stored (or stored the first time, when `duplicate`); [] when decide had nothing to say. */
  events: readonly RecordedEvent[];
  /** The stream's revision as of this result (-1 when the stream does not exist). */
  revision: number;
  /** Global position of the last event of `events`, or of the stream when nothing was written (0n: none). */
  position: bigint;
  /** True when the idempotencyKey had been used already and nothing new was written. */
  duplicate: boolean;
}

const DEFAULT_MAX_RETRIES = 5;

/**
 * The one command pipeline (STYLE.md): read the stream, fold `evolve`, `decide`, append
 * with the revision that was read. A conflict re-runs the whole loop (bounded) unless the
 * client pinned expectedRevision, in which case it gets the ConcurrencyError.
 */
export async function handleCommand<S, C, E extends { type: string; data: unknown }>(
  store: EventStore,
  streamId: string,
  decider: Decider<S, C, E>,
  command: C,
  ctx: CommandContext,
): Promise<CommandResult<S>> {
  const maxRetries = ctx.maxRetries ?? DEFAULT_MAX_RETRIES;
  const clientPinned = ctx.expectedRevision != null;
  const idempotencyKey = ctx.idempotencyKey ?? undefined;

  for (let attempt = 0; ; attempt++) {
    if (idempotencyKey !== undefined) {
      const earlier = await store.readIdempotent(streamId, ctx.actor.id, idempotencyKey);
      if (earlier.length > 0) return replay(store, streamId, decider, earlier);
    }

    const history = await store.readStream(streamId);
    const state = fold(decider, decider.initialState(), history);
    const current = history.length - 1;
    if (clientPinned && ctx.expectedRevision !== current) {
      throw new ConcurrencyError(streamId, ctx.expectedRevision ?? current, current);
    }

    const decided = decider.decide(command, state);
    if (decided.length === 0) {
      const last = history.at(-1);
      return { state, events: [], revision: current, position: last?.position ?? 0n, duplicate: false };
    }

    try {
      const appended = await store.append(streamId, decided, {
        expectedRevision: current < 0 ? 'no_stream' : current,
        actor: ctx.actor,
        occurredAt: ctx.now,
        correlationId: ctx.correlationId,
        causationId: ctx.causationId ?? null,
        idempotencyKey,
      });
      if (appended.duplicate) return replay(store, streamId, decider, appended.events);
      return {
        state: fold(decider, state, appended.events),
        events: appended.events,
        revision: appended.revision,
        position: appended.position,
        duplicate: false,
      };
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || clientPinned || attempt >= maxRetries) throw error;
    }
  }
}

function fold<S, C, E extends { type: string; data: unknown }>(
  decider: Decider<S, C, E>,
  state: S,
  events: readonly RecordedEvent[],
): S {
  // The store returns events of the types this stream's decider wrote; upcasting, when a
  // schema changes, happens in the store adapter before they get here.
  return events.reduce((acc, event) => decider.evolve(acc, event as unknown as Recorded<E>), state);
}

/** The result of an earlier identical request: the state as of its last event. */
async function replay<S, C, E extends { type: string; data: unknown }>(
  store: EventStore,
  streamId: string,
  decider: Decider<S, C, E>,
  earlier: readonly RecordedEvent[],
): Promise<CommandResult<S>> {
  const last = earlier[earlier.length - 1];
  const history = await store.readStream(streamId, { toRevision: last.revision });
  return {
    state: fold(decider, decider.initialState(), history),
    events: earlier,
    revision: last.revision,
    position: last.position,
    duplicate: true,
  };
}
