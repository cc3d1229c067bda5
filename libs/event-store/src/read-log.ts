import type { EventStore, RecordedEvent } from './event-store.port.js';

/**
 * The one whole-log reader (the audit digest, `verifyHistory`, the "as of" fold, the
 * annual report): pages through the global log from the start up to
 * `until` (default: the head when called), so later appends never stretch a read.
 */
export async function* readLog(
  store: Pick<EventStore, 'readAll' | 'headPosition'>,
  options: { until?: bigint; pageSize?: number } = {},
): AsyncGenerator<RecordedEvent> {
  const until = options.until ?? (await store.headPosition());
  let after = 0n;
  while (after < until) {
    const page = await store.readAll({ after, limit: options.pageSize ?? 1000 });
    if (page.length === 0) return;
    for (const event of page) {
      if (event.position > until) return;
      yield event;
    }
    after = page[page.length - 1].position;
  }
}
