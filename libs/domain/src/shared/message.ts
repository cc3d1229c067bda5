import type { Actor } from './actor.js';

/** Metadata every command carries: who, and when (time never comes from inside the domain). */
export interface CommandMetadata {
  readonly actor: Actor;
  /** ISO-8601 instant of the request. */
  readonly now: string;
}

export type Command<Type extends string, Data> = Readonly<{
  type: Type;
  data: Readonly<Data>;
  metadata: CommandMetadata;
}>;

/** An event as `decide` produces it: stores add the envelope (id, revision, position, metadata). */
export type Event<Type extends string, Data> = Readonly<{
  type: Type;
  data: Readonly<Data>;
}>;

/** The part of a stored event's metadata that `evolve` may read. */
export interface EvolveMetadata {
  readonly occurredAt: string;
  readonly actor?: Actor;
}

/** An event read back from a store: what `evolve` folds. */
export type Recorded<E> = E & { readonly metadata: EvolveMetadata };
