import type { EventStore } from './event-store.port.js';

/** A stream's state as folded by this process, and the revision and position it is as of. */
export interface Folded<S> {
  /** The stream's last revision (-1 when the stream does not exist). */
  readonly revision: number;
  /** Global position of that event (0n: none). */
  readonly position: bigint;
  readonly state: S;
}

/** Enough for the streams a busy office touches in a burst; each entry holds a folded state (a few KB). */
export const CACHED_STREAMS = 1_000;

/**
 * Recently folded states, least recently used first, at most `capacity` of them. An entry
 * is only a guess at the stream's head: another process, or a direct append, may have
 * moved it on. Whoever uses one must prove it (an append at its revision does).
 */
export class FoldedStates<S> {
  readonly #entries = new Map<string, Folded<S>>();

  constructor(private readonly capacity: number = CACHED_STREAMS) {}

  get size(): number {
    return this.#entries.size;
  }

  get(streamId: string): Folded<S> | undefined {
    const entry = this.#entries.get(streamId);
    if (entry === undefined) return undefined;
    this.#entries.delete(streamId);
    this.#entries.set(streamId, entry);
    return entry;
  }

  set(streamId: string, entry: Folded<S>): void {
    // A read that started before a concurrent command's append must not replace its newer state.
    const known = this.#entries.get(streamId);
    if (known !== undefined && known.revision > entry.revision) return;
    this.#entries.delete(streamId);
    this.#entries.set(streamId, entry);
    if (this.#entries.size > this.capacity) this.#entries.delete(this.#entries.keys().next().value!);
  }

  delete(streamId: string): void {
    this.#entries.delete(streamId);
  }
}

const byStore = new WeakMap<EventStore, WeakMap<object, FoldedStates<unknown>>>();

/**
 * The process-wide states for one store and one decider: every command on that pair
 * shares them, and they go when either is garbage-collected.
 */
export function foldedStatesFor<S>(store: EventStore, decider: object): FoldedStates<S> {
  let byDecider = byStore.get(store);
  if (byDecider === undefined) byStore.set(store, (byDecider = new WeakMap()));
  let states = byDecider.get(decider);
  if (states === undefined) byDecider.set(decider, (states = new FoldedStates()));
  return states as FoldedStates<S>;
}
