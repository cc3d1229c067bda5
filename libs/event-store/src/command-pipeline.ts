import { ConcurrencyError, type Actor, type Decider, type Recorded } from '#domain';
import type { EventStore, RecordedEvent } from './event-store.port.js';
import { foldedStatesFor, type Folded, type FoldedStates } from './folded-states.js';

/** What a decider must produce for the store to append it. */
type NewEventOf = { type: string; data: unknown };

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
 * The one command pipeline, in five steps: read the stream and fold `evolve`,
 * `decide`, append with the revision that was read, return the state as of that write;
 * a conflict re-runs all of it (bounded, `retryOnConflict`) unless the client pinned
 * expectedRevision, in which case it gets the ConcurrencyError.
 *
 * `states` (by default shared by every command on this store and decider in the process)
 * may stand in for the read: events are immutable, so the append succeeding at the cached
 * revision proves the state was current. A guess that cannot be proven (a conflict, a
 * domain error, nothing to write) is dropped and the command decided again from a fresh
 * read, once, without counting as a retry.
 */
export async function handleCommand<S, C, E extends NewEventOf>(
  store: EventStore,
  streamId: string,
  decider: Decider<S, C, E>,
  command: C,
  ctx: CommandContext,
  states: FoldedStates<S> = foldedStatesFor<S>(store, decider),
): Promise<CommandResult<S>> {
  const pinned = ctx.expectedRevision ?? undefined;
  const write = new StreamWrite(store, streamId, decider, ctx, states);
  let mayGuess = true;

  const attempt = async (): Promise<CommandResult<S>> => {
    const earlier = await write.earlierResult();
    if (earlier !== undefined) return earlier;
    const guess = mayGuess ? states.get(streamId) : undefined;
    if (guess !== undefined && (pinned === undefined || guess.revision === pinned)) {
      const proven = await write.onGuess(guess, command);
      if (proven !== undefined) return proven;
      states.delete(streamId);
      mayGuess = false;
      return attempt();
    }
    return write.onStream(await write.read(), command);
  };

  return retryOnConflict(pinned === undefined ? (ctx.maxRetries ?? DEFAULT_MAX_RETRIES) : 0, attempt);
}

/** Runs `attempt`, and again after each ConcurrencyError, at most `retries` more times. */
async function retryOnConflict<T>(retries: number, attempt: () => Promise<T>): Promise<T> {
  for (let retry = 0; ; retry++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || retry >= retries) throw error;
    }
  }
}

/** The steps of one command on one stream; `handleCommand` puts them in order. */
class StreamWrite<S, C, E extends NewEventOf> {
  constructor(
    private readonly store: EventStore,
    private readonly streamId: string,
    private readonly decider: Decider<S, C, E>,
    private readonly ctx: CommandContext,
    private readonly states: FoldedStates<S>,
  ) {}

  /** The result of an earlier request with the same idempotencyKey, if there was one. */
  async earlierResult(): Promise<CommandResult<S> | undefined> {
    const key = this.ctx.idempotencyKey ?? undefined;
    if (key === undefined) return undefined;
    const earlier = await this.store.readIdempotent(this.streamId, this.ctx.actor.id, key);
    return earlier.length > 0 ? this.resultOfEarlier(earlier) : undefined;
  }

  /** Reads and folds the stream, and remembers the state for the next command. */
  async read(): Promise<Folded<S>> {
    const history = await this.store.readStream(this.streamId);
    const stream = {
      revision: history.length - 1,
      position: history.at(-1)?.position ?? 0n,
      state: fold(this.decider, this.decider.initialState(), history),
    };
    this.states.set(this.streamId, stream);
    return stream;
  }

  /** Decides on the stream as read and appends what was decided. */
  async onStream(stream: Folded<S>, command: C): Promise<CommandResult<S>> {
    const pinned = this.ctx.expectedRevision ?? undefined;
    if (pinned !== undefined && pinned !== stream.revision) {
      throw new ConcurrencyError(this.streamId, pinned, stream.revision);
    }
    const events = this.decider.decide(command, stream.state);
    if (events.length === 0) return { ...stream, events: [], duplicate: false };
    return this.append(stream, events);
  }

  /** As `onStream` on a cached state; undefined when the guess is not proven by a write. */
  async onGuess(guess: Folded<S>, command: C): Promise<CommandResult<S> | undefined> {
    let events: E[];
    try {
      events = this.decider.decide(command, guess.state);
    } catch {
      return undefined;
    }
    if (events.length === 0) return undefined;
    try {
      return await this.append(guess, events);
    } catch (error) {
      if (error instanceof ConcurrencyError) return undefined;
      throw error;
    }
  }

  private async append(stream: Folded<S>, events: readonly E[]): Promise<CommandResult<S>> {
    let appended;
    try {
      appended = await this.store.append(this.streamId, events, {
        expectedRevision: stream.revision < 0 ? 'no_stream' : stream.revision,
        actor: this.ctx.actor,
        occurredAt: this.ctx.now,
        correlationId: this.ctx.correlationId,
        causationId: this.ctx.causationId ?? null,
        idempotencyKey: this.ctx.idempotencyKey ?? undefined,
      });
    } catch (error) {
      if (error instanceof ConcurrencyError) this.states.delete(this.streamId);
      throw error;
    }
    if (appended.duplicate) {
      this.states.delete(this.streamId);
      return this.resultOfEarlier(appended.events);
    }
    const after = {
      revision: appended.revision,
      position: appended.position,
      state: fold(this.decider, stream.state, appended.events),
    };
    this.states.set(this.streamId, after);
    return { ...after, events: appended.events, duplicate: false };
  }

  /** The result of an earlier identical request: the state as of its last event. */
  private async resultOfEarlier(earlier: readonly RecordedEvent[]): Promise<CommandResult<S>> {
    const last = earlier[earlier.length - 1];
    const history = await this.store.readStream(this.streamId, { toRevision: last.revision });
    return {
      state: fold(this.decider, this.decider.initialState(), history),
      events: earlier,
      revision: last.revision,
      position: last.position,
      duplicate: true,
    };
  }
}

function fold<S, C, E>(decider: Decider<S, C, E>, state: S, events: readonly RecordedEvent[]): S {
  // The store returns events of the types this stream's decider wrote; upcasting, when a
  // schema changes, happens in the store adapter before they get here.
  return events.reduce((acc, event) => decider.evolve(acc, event as unknown as Recorded<E>), state);
}
