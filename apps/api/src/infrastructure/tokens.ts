/** Injection token of the EventStore port (an interface); ReadModel and Projector are their own tokens. */
export const EVENT_STORE = Symbol('EVENT_STORE');
