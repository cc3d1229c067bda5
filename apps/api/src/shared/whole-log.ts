import type { EventStore, RecordedEvent } from '#event-store';

const PAGE = 1000;

/** The global log from the start, page by page, in position order. */
export async function* readWholeLog(store: EventStore): AsyncGenerator<RecordedEvent> {
  let after = 0n;
  for (;;) {
    const page = await store.readAll({ after, limit: PAGE });
    if (page.length === 0) return;
    yield* page;
    after = page[page.length - 1].position;
  }
}
