import type { Recorded } from '#domain';
import type { RecordedEvent } from '#event-store';

/**
 * Stored events of one category, typed as that category's events. A stream only holds what
 * its decider wrote, and the store upcasts old shapes on read, so the cast is the contract.
 */
export function asDomainEvents<E>(events: readonly RecordedEvent[]): Recorded<E>[] {
  return events as unknown as Recorded<E>[];
}
