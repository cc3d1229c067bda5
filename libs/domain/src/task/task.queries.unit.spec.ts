import {
  AFTER_DEADLINE,
  DEADLINE,
  event,
  HISTORY,
  taskAssigned,
  taskSpec,
} from '../testing/task.fixtures.js';
import { isOverdue, taskHealth, wasOverdueAt } from './task.queries.js';
import { initialTaskState } from './task.state.js';

const { fold } = taskSpec;
/** Assigned ten days before the deadline: YELLOW from three days before it. */
const TEN_DAY_TASK = [{ ...taskAssigned(), occurredAt: '2023-06-20T16:00:00.000Z' }];
const THREE_DAYS_BEFORE = '2023-06-27T16:00:00.000Z';

describe('isOverdue', () => {
  it('is false before and exactly at the deadline', () => {
    expect(isOverdue(fold(HISTORY.IN_PROGRESS), '2023-06-30T15:00:00Z')).toBe(false);
    expect(isOverdue(fold(HISTORY.IN_PROGRESS), DEADLINE)).toBe(false);
  });

  it('is true once the deadline has passed on an open task, blocked ones included', () => {
    expect(isOverdue(fold(HISTORY.ASSIGNED), '2023-06-30T16:00:00.001Z')).toBe(true);
    expect(isOverdue(fold(HISTORY.BLOCKED), AFTER_DEADLINE)).toBe(true);
  });

  it('compares instants, not strings, when now has an offset', () => {
    expect(isOverdue(fold(HISTORY.ASSIGNED), '2023-07-01T00:00:01+08:00')).toBe(true);
  });

  it('is false for completed and cancelled tasks and for a task that does not exist', () => {
    expect(isOverdue(fold(HISTORY.COMPLETED), AFTER_DEADLINE)).toBe(false);
    expect(isOverdue(fold(HISTORY.CANCELLED), AFTER_DEADLINE)).toBe(false);
    expect(isOverdue(initialTaskState(), AFTER_DEADLINE)).toBe(false);
  });
});

describe('wasOverdueAt', () => {
  it('is true while the task is overdue, before any event recorded it', () => {
    expect(fold(HISTORY.IN_PROGRESS).wasOverdue).toBe(false);
    expect(wasOverdueAt(fold(HISTORY.IN_PROGRESS), AFTER_DEADLINE)).toBe(true);
  });

  it('stays true after a late completion', () => {
    const late = event('TaskCompleted', { summary: '完成', metrics: [], evidence: [] }, AFTER_DEADLINE);
    expect(wasOverdueAt(fold([...HISTORY.IN_PROGRESS, late]), '2024-01-01T00:00:00Z')).toBe(true);
  });

  it('is false for a task completed in time', () => {
    expect(wasOverdueAt(fold(HISTORY.COMPLETED), AFTER_DEADLINE)).toBe(false);
  });
});

describe('taskHealth', () => {
  it('is GREEN with more than 30 % of the window left', () => {
    expect(taskHealth(fold(TEN_DAY_TASK), '2023-06-27T15:59:59.999Z')).toBe('GREEN');
  });

  it('is YELLOW with exactly 30 % of the window left', () => {
    expect(taskHealth(fold(TEN_DAY_TASK), THREE_DAYS_BEFORE)).toBe('YELLOW');
  });

  it('is YELLOW at the deadline itself', () => {
    expect(taskHealth(fold(TEN_DAY_TASK), DEADLINE)).toBe('YELLOW');
  });

  it('is RED once overdue', () => {
    expect(taskHealth(fold(TEN_DAY_TASK), '2023-06-30T16:00:00.001Z')).toBe('RED');
  });

  it('measures the window from assignment, so a later deadline can turn a task GREEN again', () => {
    const moved = event('DeadlineChanged', {
      previousDeadline: DEADLINE,
      deadline: '2023-07-10T16:00:00.000Z',
      reason: '延期',
    });
    expect(taskHealth(fold([...TEN_DAY_TASK, moved]), THREE_DAYS_BEFORE)).toBe('GREEN');
  });

  it('is GREEN for completed and cancelled tasks, even past the deadline', () => {
    expect(taskHealth(fold(HISTORY.COMPLETED), AFTER_DEADLINE)).toBe('GREEN');
    expect(taskHealth(fold(HISTORY.CANCELLED), AFTER_DEADLINE)).toBe('GREEN');
  });

  it('is YELLOW for a blocked task near its deadline', () => {
    expect(taskHealth(fold(HISTORY.BLOCKED), '2023-06-30T00:00:00Z')).toBe('YELLOW');
  });
});
