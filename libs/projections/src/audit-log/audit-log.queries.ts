import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { positionText, type Db } from '../read-model/connection.js';
import { instantArgument } from '../read-model/instant.js';
import { decodePositionCursor, pageSize } from '../read-model/paging.js';
import type { AuditFilter, AuditPage } from '../read-model/rows.js';
import type { ReadModelDatabase } from '../read-model/schema.js';
import { toAuditRow } from './audit-log.projection.js';

type AuditExpressions = ExpressionBuilder<ReadModelDatabase, 'audit_log'>;

/** Every column but the position (selected as text: a bigint on PostgreSQL). */
export const AUDIT_COLUMNS = [
  'event_id',
  'stream_id',
  'revision',
  'type',
  'occurred_at',
  'actor_id',
  'actor_name',
  'actor_role',
  'actor_unit_id',
  'unit_id',
  'data',
  'hash',
  'previous_hash',
  'metadata',
] as const;

/** The global log, oldest first, in pages of `first` after the position cursor. */
export async function auditLog(
  db: Db,
  filter: AuditFilter,
  first: number,
  after?: string | null,
): Promise<AuditPage> {
  const limit = pageSize(first);
  const from = after ? decodePositionCursor(after) : null;
  const rows = await db
    .selectFrom('audit_log')
    .select([...AUDIT_COLUMNS, positionText('position').as('position')])
    .where((eb) => eb.and(conditions(eb, filter)))
    .$if(from !== null, (qb) => qb.where('audit_log.position', '>', from!))
    .orderBy('audit_log.position')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit).map(toAuditRow);
  const last = page[page.length - 1];
  return { rows: page, hasNextPage: rows.length > limit, endCursor: last ? last.position.toString() : null };
}

function conditions(eb: AuditExpressions, filter: AuditFilter): Expression<SqlBool>[] {
  const where: Expression<SqlBool>[] = [sql<SqlBool>`1 = 1`];
  if (filter.streamId != null) where.push(eb('stream_id', '=', filter.streamId));
  if (filter.actorId != null) where.push(eb('actor_id', '=', filter.actorId));
  if (filter.unitId != null) where.push(eb('unit_id', '=', filter.unitId));
  if (filter.types != null) {
    where.push(filter.types.length > 0 ? eb('type', 'in', [...filter.types]) : sql<SqlBool>`1 = 0`);
  }
  if (filter.from != null) where.push(eb('occurred_at', '>=', instantArgument('from', filter.from)));
  if (filter.to != null) where.push(eb('occurred_at', '<=', instantArgument('to', filter.to)));
  return where;
}
