import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { QueryBus } from '@nestjs/cqrs';
import { AuditConnectionModel, HistoryVerificationModel } from './audit-event.model.js';
import { AuditFilterInput } from './audit-log/audit-filter.input.js';
import { AuditLogQuery } from './audit-log/audit-log.query.js';
import { VerifyHistoryQuery } from './verify-history/verify-history.query.js';

/** Reads of history are allowed to every role, the reminder worker included. */
@Resolver()
export class AuditResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query(() => AuditConnectionModel, { description: 'The global event log, oldest first.' })
  auditLog(
    @Args('filter', { type: () => AuditFilterInput, nullable: true }) filter?: AuditFilterInput | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 100 }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<AuditConnectionModel> {
    return this.queries.execute(new AuditLogQuery(filter ?? {}, first ?? null, after ?? null));
  }

  @Query(() => HistoryVerificationModel, {
    description: 'Recompute hash chains: one stream, or all streams when streamId is omitted.',
  })
  verifyHistory(
    @Args('streamId', { type: () => String, nullable: true }) streamId?: string | null,
  ): Promise<HistoryVerificationModel> {
    return this.queries.execute(new VerifyHistoryQuery(streamId ?? null));
  }
}
