export * from './shared/actor.js';
export * from './shared/errors.js';
export * from './shared/message.js';
export * from './shared/streams.js';
export * from './shared/decider.js';
export type { Logger } from './shared/logger.js';
export {
  DEADLINE_YEARS,
  ENTITY_ID_PATTERN,
  LIMITS,
  METRIC_KEY_PATTERN,
  UUID_PATTERN,
} from './shared/validation.js';
/** The input validators (each throws ValidationError naming the field), for adapters that check early. */
export * as validate from './shared/validation.js';
export * from './task/task.types.js';
export * from './task/task.events.js';
export * from './task/task.commands.js';
export * from './unit/unit.js';
export * from './unit/unit.state.js';
export * from './unit/unit.decider.js';
export * from './program/program.js';
export * from './program/program.state.js';
export * from './program/program.decider.js';
export * from './task/task.state.js';
export * from './task/task.decider.js';
export * from './task/task.queries.js';
export * from './task/task.access.js';
export * from './task/task.metrics.js';
export { REMINDER_KINDS } from './task/decisions/record-reminder.js';
export * from './reminder/reminder.policy.js';
export * from './upcasters/event-schemas.js';
export * from './command-routing.js';
