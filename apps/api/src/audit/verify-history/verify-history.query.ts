import { readLog, verifyStreamChain, type EventStore } from '#event-store';
import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE } from '../../infrastructure/tokens.js';
import type { HistoryVerificationModel } from '../audit-event.model.js';

export class VerifyHistoryQuery extends Query<HistoryVerificationModel> {
  constructor(readonly streamId: string | null) {
    super();
  }
}

/**
 * Recomputes hash chains from the EVENT STORE (never the read model, which an attacker
 * could rebuild to match): one stream, or every stream in the order it first appears
 * in the log. Stops at the first broken stream.
 */
@QueryHandler(VerifyHistoryQuery)
export class VerifyHistoryHandler implements IQueryHandler<VerifyHistoryQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ streamId }: VerifyHistoryQuery): Promise<HistoryVerificationModel> {
    const streams = streamId !== null ? [streamId] : await this.allStreams();
    let eventsChecked = 0;
    let streamsChecked = 0;
    for (const id of streams) {
      const events = await this.store.readStream(id);
      if (events.length === 0) continue;
      streamsChecked += 1;
      const verdict = verifyStreamChain(events);
      if (!verdict.ok) {
        eventsChecked += verdict.brokenRevision + 1;
        return {
          ok: false,
          streamsChecked,
          eventsChecked,
          brokenStreamId: id,
          brokenRevision: verdict.brokenRevision,
        };
      }
      eventsChecked += events.length;
    }
    return { ok: true, streamsChecked, eventsChecked, brokenStreamId: null, brokenRevision: null };
  }

  private async allStreams(): Promise<string[]> {
    const seen = new Set<string>();
    for await (const event of readLog(this.store)) seen.add(event.streamId);
    return [...seen];
  }
}
