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
/** Enough for the streams a busy office touches in a burst; each entry holds a folded state (a few KB). */
const CACHED_STREAMS = 1_000;

/** A stream's state as folded by this process, and the revision and position it is as of. */
interface Folded {
  readonly revision: number;
  readonly position: bigint;
  readonly state: unknown;
}

/**
 * Recently folded states, per store and decider, most recently used last. An entry is only
 * a guess at the stream's head (another process, or a direct append, may have moved it):
 * the append's expectedRevision is what validates it, and anything the guess cannot prove
 * (a conflict, a rejection, nothing to write) is decided again from a fresh read.
 */
class FoldedStates {
  readonly #entries = new Map<string, Folded>();

  get(streamId: string): Folded | undefined {
    const entry = this.#entries.get(streamId);
    if (entry === undefined) return undefined;
    this.#entries.delete(streamId);
    this.#entries.set(streamId, entry);
    return entry;
  }

  set(streamId: string, entry: Folded): void {
    // A read that started before a concurrent command's append must not replace its newer state.
    const known = this.#entries.get(streamId);
    if (known !== undefined && known.revision > entry.revision) return;
    this.#entries.delete(streamId);
    this.#entries.set(streamId, entry);
    if (this.#entries.size > CACHED_STREAMS) this.#entries.delete(this.#entries.keys().next().value!);
  }

  delete(streamId: string): void {
    this.#entries.delete(streamId);
  }
}

const foldedStates = new WeakMap<EventStore, WeakMap<object, FoldedStates>>();

function statesOf(store: EventStore, decider: object): FoldedStates {
  let byDecider = foldedStates.get(store);
  if (byDecider === undefined) foldedStates.set(store, (byDecider = new WeakMap()));
  let states = byDecider.get(decider);
  if (states === undefined) byDecider.set(decider, (states = new FoldedStates()));
  return states;
}

/**
 * The one command pipeline (STYLE.md): read the stream, fold `evolve`, `decide`, append
 * with the revision that was read. A conflict re-runs the whole loop (bounded) unless the
 * client pinned expectedRevision, in which case it gets the ConcurrencyError.
 *
 * The state this process last folded for the stream stands in for the read when there is
 * one: events are immutable, so the append succeeding at that revision proves the state
 * was current. When it cannot be proven (conflict, domain error, no events to write), the
 * command is decided again from a fresh read, once, without counting as a retry.
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
  const states = statesOf(store, decider);
  let trustCache = true;

  for (let attempt = 0; ; attempt++) {
    if (idempotencyKey !== undefined) {
      const earlier = await store.readIdempotent(streamId, ctx.actor.id, idempotencyKey);
      if (earlier.length > 0) return replay(store, streamId, decider, earlier);
    }

    let cached = trustCache ? states.get(streamId) : undefined;
    if (cached !== undefined && clientPinned && ctx.expectedRevision !== cached.revision) cached = undefined;
    let state: S;
    let current: number;
    let head: bigint;
    if (cached !== undefined) {
      state = cached.state as S;
      current = cached.revision;
      head = cached.position;
    } else {
      const history = await store.readStream(streamId);
      state = fold(decider, decider.initialState(), history);
      current = history.length - 1;
      head = history.at(-1)?.position ?? 0n;
      states.set(streamId, { revision: current, position: head, state });
    }
    const unproven = (): boolean => {
      if (cached === undefined) return false;
      states.delete(streamId);
      trustCache = false;
      attempt--;
      return true;
    };
    if (clientPinned && ctx.expectedRevision !== current) {
      throw new ConcurrencyError(streamId, ctx.expectedRevision ?? current, current);
    }

    let decided: E[];
    try {
      decided = decider.decide(command, state);
    } catch (error) {
      if (unproven()) continue;
      throw error;
    }
    if (decided.length === 0) {
      if (unproven()) continue;
      return { state, events: [], revision: current, position: head, duplicate: false };
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
      if (appended.duplicate) {
        states.delete(streamId);
        return replay(store, streamId, decider, appended.events);
      }
      const after = fold(decider, state, appended.events);
      states.set(streamId, { revision: appended.revision, position: appended.position, state: after });
      return {
        state: after,
        events: appended.events,
        revision: appended.revision,
        position: appended.position,
        duplicate: false,
      };
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      if (unproven() && !clientPinned) continue;
      states.delete(streamId);
      if (clientPinned || attempt >= maxRetries) throw error;
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
