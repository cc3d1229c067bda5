import { ReadModel, type AuditFilter } from '#projections';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { auditEventFromRow } from '../../shared/audit-event.mapper.js';
import { cursor, MAX_AUDIT_PAGE, pageSize } from '../../shared/pagination.js';
import type { AuditConnectionModel } from '../audit-event.model.js';

export class AuditLogQuery extends Query<AuditConnectionModel> {
  constructor(
    readonly filter: AuditFilter,
    readonly first: number | null,
    readonly after: string | null,
  ) {
    super();
  }
}

/** The global log, oldest first, from the read model's audit table; cursors are positions. */
@QueryHandler(AuditLogQuery)
export class AuditLogHandler implements IQueryHandler<AuditLogQuery> {
  constructor(private readonly readModel: ReadModel) {}

  async execute({ filter, first, after }: AuditLogQuery): Promise<AuditConnectionModel> {
    const size = pageSize(first, 100, MAX_AUDIT_PAGE);
    const page = await this.readModel.auditLog(filter, size, cursor(after));
    return {
      edges: page.rows.map((row) => ({ cursor: row.position.toString(), node: auditEventFromRow(row) })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    };
  }
}
