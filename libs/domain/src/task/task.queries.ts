import { isClosed, type TaskState } from './task.state.js';
import type { TaskHealth } from './task.types.js';

/** Percentage of the assignment-to-deadline window left at which a task turns YELLOW. */
export const YELLOW_AT_PERCENT_LEFT = 30;

/** Deadline passed and the task is neither COMPLETED nor CANCELLED. `now` is an ISO instant. */
export function isOverdue(state: TaskState, now: string): boolean {
  return state.exists && !isClosed(state.status) && Date.parse(state.deadline) < Date.parse(now);
}

/** Ever overdue (or completed late), or overdue right now. */
export function wasOverdueAt(state: TaskState, now: string): boolean {
  return state.wasOverdue || isOverdue(state, now);
}

/** The traffic light of 督办: RED overdue, YELLOW when at most 30 % of the window is left, else GREEN. */
export function taskHealth(state: TaskState, now: string): TaskHealth {
  if (!state.exists || isClosed(state.status)) return 'GREEN';
  if (isOverdue(state, now)) return 'RED';
  const deadline = Date.parse(state.deadline);
  const remaining = deadline - Date.parse(now);
  const window = deadline - Date.parse(state.createdAt);
  // Integer milliseconds, cross-multiplied so the exact 30 % boundary has no floating-point error.
  return remaining * 100 <= window * YELLOW_AT_PERCENT_LEFT ? 'YELLOW' : 'GREEN';
}
