/** Injection token of the EventStore port (an interface); ReadModel and Projector are their own tokens. */
export const EVENT_STORE = Symbol('EVENT_STORE');

/** True when this process runs the projector (all-in-one); false for `npm run start:api`. */
export const RUNS_PROJECTOR = Symbol('RUNS_PROJECTOR');
