import { ForbiddenError } from '#domain';
import { Args, Context, Int, Query, Resolver } from '@nestjs/graphql';
import { QueryBus } from '@nestjs/cqrs';
import type { RequestContext } from '../auth/request-context.js';
import { AuditConnectionModel, HistoryVerificationModel } from './audit-event.model.js';
import { AuditFilterInput } from './audit-log/audit-filter.input.js';
import { AuditLogQuery } from './audit-log/audit-log.query.js';
import { VerifyHistoryQuery } from './verify-history/verify-history.query.js';

/** The reminder worker reads tasks; the audit trail is for people (office, units, auditors). */
function forbidWorker({ actor }: RequestContext, what: string): void {
  if (actor.role === 'worker') throw new ForbiddenError(`role worker may not read ${what}`);
}

@Resolver()
export class AuditResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query(() => AuditConnectionModel, { description: 'The global event log, oldest first.' })
  auditLog(
    @Context() request: RequestContext,
    @Args('filter', { type: () => AuditFilterInput, nullable: true }) filter?: AuditFilterInput | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 100 }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<AuditConnectionModel> {
    forbidWorker(request, 'the audit log');
    return this.queries.execute(new AuditLogQuery(filter ?? {}, first ?? null, after ?? null));
  }

  @Query(() => HistoryVerificationModel, {
    description: 'Recompute hash chains: one stream, or all streams when streamId is omitted.',
  })
  verifyHistory(
    @Context() request: RequestContext,
    @Args('streamId', { type: () => String, nullable: true }) streamId?: string | null,
  ): Promise<HistoryVerificationModel> {
    forbidWorker(request, 'history verification');
    return this.queries.execute(new VerifyHistoryQuery(streamId ?? null));
  }
}
