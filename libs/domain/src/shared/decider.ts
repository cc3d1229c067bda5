import type { Recorded } from './message.js';

/** Emmett's decider: everything a command pipeline needs to fold a stream and decide. Same parameter order as the event store's. */
export interface Decider<State, Command, Event> {
  readonly initialState: () => State;
  readonly evolve: (state: State, event: Recorded<Event>) => State;
  readonly decide: (command: Command, state: State) => Event[];
}

/** Folds recorded events from the initial state (what a pipeline does after reading a stream). */
export function foldEvents<State, Command, Event>(
  decider: Decider<State, Command, Event>,
  events: readonly Recorded<Event>[],
): State {
  return events.reduce(decider.evolve, decider.initialState());
}
