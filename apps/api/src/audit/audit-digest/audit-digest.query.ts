import { computeAuditDigest, type EventStore } from '#event-store';
import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE } from '../../infrastructure/tokens.js';
import type { AuditDigestModel } from './audit-digest.model.js';

export class AuditDigestQuery extends Query<AuditDigestModel> {
  constructor(readonly asOf: string) {
    super();
  }
}

/**
 * From the EVENT STORE, never the read model: every stream's chain is rehashed up to its
 * last event at asOf, and the digest is taken over those heads (the same value an audit
 * export's manifest holds for the same instant).
 */
@QueryHandler(AuditDigestQuery)
export class AuditDigestHandler implements IQueryHandler<AuditDigestQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ asOf }: AuditDigestQuery): Promise<AuditDigestModel> {
    return computeAuditDigest(this.store, asOf);
  }
}
