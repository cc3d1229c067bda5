import { createHash, randomUUID } from 'node:crypto';

/**
 * A generated task id. With an idempotencyKey it is derived from (actor, key), so a retried
 * request lands on the same stream and is recognised there instead of creating a twin task.
 */
export function newTaskId(actorId: string, idempotencyKey?: string | null): string {
  if (idempotencyKey == null) return randomUUID();
  const bytes = createHash('sha256')
    .update(JSON.stringify(['chessboard-task-id', actorId, idempotencyKey]), 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
