import { auditLogProjection } from '../audit-log/audit-log.projection.js';
import { programsProjection, unitsProjection } from '../directory/directory.projection.js';
import { taskDetailsProjection } from '../task-details/task-details.projection.js';
import type { Projection } from './projection.js';

/**
 * The read model: every projection the projector runs, in this order for each event. The
 * audit log comes after the folds because it records the unit they found for the event.
 */
export const PROJECTIONS: readonly Projection[] = [
  taskDetailsProjection,
  unitsProjection,
  programsProjection,
  auditLogProjection,
];
