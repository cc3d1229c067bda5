/** Stream names: category before the first dash, as KurrentDB's category projections expect. */
export const taskStream = (taskId: string): string => `task-${taskId}`;
export const unitStream = (unitId: string): string => `unit-${unitId}`;
export const programStream = (programId: string): string => `program-${programId}`;

export type StreamCategory = 'task' | 'unit' | 'program';

export function parseStream(streamId: string): { category: string; id: string } {
  const dash = streamId.indexOf('-');
  return dash < 0
    ? { category: streamId, id: '' }
    : { category: streamId.slice(0, dash), id: streamId.slice(dash + 1) };
}
