import type { Recorded } from './message.js';

/** A decider: everything a command pipeline needs to fold a stream and decide. Same parameter order as the event store's. */
export interface Decider<State, Command, Event> {
  readonly initialState: () => State;
  readonly evolve: (state: State, event: Recorded<Event>) => State;
  readonly decide: (command: Command, state: State) => Event[];
}

/**
 * The `never` end of a switch over a command's or event's type: reached only past the type
 * checker. Takes the narrowed message, or its type when the union has a single member.
 */
export function unreachable(kind: string, value: never): never {
  const type: unknown = typeof value === 'string' ? value : (value as { type?: unknown }).type;
  throw new Error(`unknown ${kind} ${String(type)}`);
}

/** Folds recorded events from the initial state (what a pipeline does after reading a stream). */
export function foldEvents<State, Command, Event>(
  decider: Decider<State, Command, Event>,
  events: readonly Recorded<Event>[],
): State {
  return events.reduce(decider.evolve, decider.initialState());
}
