import type { Decider } from '../shared/decider.js';
import { DomainError, type ErrorCode } from '../shared/errors.js';
import type { Recorded } from '../shared/message.js';

/** An event as a test gives it: `{ type, data }`, optionally with its own `occurredAt`. */
export type Given<Event> = Event & { readonly occurredAt?: string };

/**
 * A given/when/then specification for a decider:
 *   spec.given([taskAssigned()]).when(reportProgress(40)).then([progressReported(40)])
 *   spec.given([]).when(reportProgress(40)).thenThrows('NOT_FOUND', 'no such task: …')
 * Given events are recorded at `occurredAt` (the spec's default unless the event overrides it).
 */
export function deciderSpec<State, Command, Event>(
  decider: Decider<State, Command, Event>,
  defaults: { occurredAt: string },
) {
  const record = (event: Given<Event>): Recorded<Event> => {
    const { occurredAt = defaults.occurredAt, ...rest } = event;
    return { ...(rest as Event), metadata: { occurredAt } };
  };
  const fold = (events: readonly Given<Event>[]): State =>
    events.map(record).reduce(decider.evolve, decider.initialState());

  return {
    record,
    fold,
    given: (events: readonly Given<Event>[]) => ({
      state: () => fold(events),
      when: (command: Command) => {
        const decide = () => decider.decide(command, fold(events));
        return {
          then: (expected: readonly Event[]): void => {
            expect(decide()).toEqual(expected);
          },
          /** Asserts the DomainError code and, when given, its exact message (or a pattern). */
          thenThrows: (code: ErrorCode, message?: string | RegExp): void => {
            const error = caught(decide);
            expect(error).toBeInstanceOf(DomainError);
            expect({ code: (error as DomainError).code, message: (error as Error).message }).toEqual({
              code,
              message: message === undefined ? expect.any(String) : matching(message),
            });
          },
        };
      },
    }),
  };
}

function caught(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the decision to throw, but it returned events');
}

const matching = (message: string | RegExp): unknown =>
  typeof message === 'string' ? message : expect.stringMatching(message);
