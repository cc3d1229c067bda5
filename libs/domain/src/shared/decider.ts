import type { Recorded } from './message.js';

/** Emmett's decider: everything a command pipeline needs to fold a stream and decide. */
export interface Decider<Command, Event, State> {
  readonly initialState: () => State;
  readonly evolve: (state: State, event: Recorded<Event>) => State;
  readonly decide: (command: Command, state: State) => Event[];
}

/** Folds recorded events from the initial state (what a pipeline does after reading a stream). */
export function foldEvents<Command, Event, State>(
  decider: Decider<Command, Event, State>,
  events: readonly Recorded<Event>[],
): State {
  return events.reduce(decider.evolve, decider.initialState());
}
