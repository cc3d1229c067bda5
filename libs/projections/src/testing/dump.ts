import { AUDIT_COLUMNS } from '../audit-log/audit-log.queries.js';
import { positionText } from '../read-model/connection.js';
import type { ReadModel } from '../read-model/read-model.js';

/** Every projected row, in a fixed order, with positions as text: compares read models across runs and dialects. */
export async function dumpReadModel(readModel: ReadModel) {
  const { db } = readModel;
  return {
    units: await db.selectFrom('units').selectAll().orderBy('id').execute(),
    programs: await db.selectFrom('programs').selectAll().orderBy('id').execute(),
    tasks: await db.selectFrom('tasks').selectAll().orderBy('id').execute(),
    auditLog: await db
      .selectFrom('audit_log')
      .select(AUDIT_COLUMNS)
      .select(positionText('position').as('position'))
      .orderBy('audit_log.position')
      .execute(),
    checkpoints: await db
      .selectFrom('checkpoints')
      .select(['name'])
      .select(positionText('position').as('position'))
      .orderBy('name')
      .execute(),
  };
}
