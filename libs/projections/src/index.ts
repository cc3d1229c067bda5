export * from './read-model/schema.js';
export * from './read-model/rows.js';
export { MIGRATIONS, migrate, type Migration } from './read-model/migrations.js';
export type { ReadModelConfig, DialectKind, Db } from './read-model/connection.js';
export { MAX_PAGE_SIZE, encodeTaskCursor as taskCursor, likeContains } from './read-model/paging.js';
export * from './read-model/read-model.js';
export * from './projector/apply-events.js';
export {
  handledTypes,
  type DomainEventType,
  type EventTypeFlags,
  type Projection,
  type ProjectionRun,
} from './projector/projection.js';
export { PROJECTIONS } from './projector/projections.js';
export * from './projector/projector.js';
export * from './projector/rebuild-read-model.js';
export {
  TASK_DETAILS_EVENT_TYPES,
  isTaskEvent,
  searchText,
  taskRowValues,
} from './task-details/task-details.projection.js';
export { OPEN_STATUSES } from './task-details/task-list.queries.js';
export {
  UNIT_EVENT_TYPES,
  PROGRAM_EVENT_TYPES,
  evolveUnitRow,
  evolveProgramRow,
} from './directory/directory.projection.js';
export * from './rebuild/replay-read-model.js';
export { ReplayBusyError } from './rebuild/shadow.js';
export * from './assessment/index.js';
export * from './as-of/log-fold.js';
export * from './task-board/board-tally.js';
