import fc from 'fast-check';
import { ValidationError } from '../shared/errors.js';
import type { TaskEvent } from '../task/task.events.js';
import type { ReminderKind } from '../task/task.types.js';
import type { Given } from '../testing/decider-spec.js';
import { taskDecider } from '../task/task.decider.js';
import {
  command,
  DEADLINE,
  event,
  HISTORY,
  taskAssigned,
  taskSpec,
  worker,
} from '../testing/task.fixtures.js';
import {
  DEFAULT_REMINDER_SCHEDULE,
  dueReminder,
  dueReminderFor,
  formatInTimeZone,
  lastSentReminderStep,
  latestDeadlineDue,
  parseReminderSchedule,
  reminderProgress,
  type ReminderSchedule,
} from './reminder.policy.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const D = Date.parse(DEADLINE);
const at = (offset: number) => new Date(D + offset).toISOString();
const sent = (kind: ReminderKind, sequence = 0, deadline = DEADLINE): Given<TaskEvent> =>
  event(
    'ReminderSent',
    { kind, deadline, sequence, channel: 'email', recipient: 'mgmt@example.edu.cn' },
    deadline,
  );
const due = (history: Given<TaskEvent>[], now: string) =>
  dueReminder(taskSpec.fold(history), now, DEFAULT_REMINDER_SCHEDULE);
const reminder = (kind: ReminderKind, dueAt: string, sequence = 0) => ({
  kind,
  deadline: DEADLINE,
  sequence,
  dueAt,
});

describe('when nothing was sent yet', () => {
  const history = HISTORY.IN_PROGRESS;

  it('nothing is due more than 7 days before the deadline', () => {
    expect(due(history, at(-7 * DAY - 1))).toBeNull();
  });

  it('UPCOMING is due 7 days before the deadline', () => {
    expect(due(history, at(-7 * DAY))).toEqual(reminder('UPCOMING', at(-7 * DAY)));
  });

  it('DUE_SOON is due 1 day before the deadline', () => {
    expect(due(history, at(-DAY))).toEqual(reminder('DUE_SOON', at(-DAY)));
  });

  it('DUE is due at the deadline', () => {
    expect(due(history, DEADLINE)).toEqual(reminder('DUE', DEADLINE));
  });

  it('the first OVERDUE is due 3 days after the deadline, not before', () => {
    expect(due(history, at(3 * DAY - 1))?.kind).toBe('DUE');
    expect(due(history, at(3 * DAY))).toEqual(reminder('OVERDUE', at(3 * DAY), 0));
  });

  it('when several are due at once only the latest is sent: a worker back after 10 days sends OVERDUE 2', () => {
    expect(due(history, at(10 * DAY))).toEqual(reminder('OVERDUE', at(9 * DAY), 2));
  });

  it('a task assigned 12 hours before its deadline gets DUE_SOON at assignment, not UPCOMING', () => {
    const assignedAt = at(-12 * HOUR);
    expect(due([{ ...taskAssigned(), occurredAt: assignedAt }], assignedAt)).toEqual(
      reminder('DUE_SOON', at(-DAY)),
    );
  });

  it('blocked tasks are reminded too', () => {
    expect(due(HISTORY.BLOCKED, DEADLINE)?.kind).toBe('DUE');
  });
});

describe('when reminders were sent', () => {
  it('UPCOMING is not sent again', () => {
    expect(due([...HISTORY.IN_PROGRESS, sent('UPCOMING')], at(-5 * DAY))).toBeNull();
  });

  it('after UPCOMING, DUE_SOON follows 1 day before the deadline', () => {
    expect(due([...HISTORY.IN_PROGRESS, sent('UPCOMING')], at(-DAY + HOUR))).toEqual(
      reminder('DUE_SOON', at(-DAY)),
    );
  });

  it('a kind that was passed by a later one is never sent', () => {
    expect(due([...HISTORY.IN_PROGRESS, sent('DUE_SOON')], at(-2 * HOUR))).toBeNull();
  });

  it('after DUE, nothing more until the first OVERDUE', () => {
    expect(due([...HISTORY.IN_PROGRESS, sent('DUE')], at(2 * DAY))).toBeNull();
  });

  it('OVERDUE repeats every 3 days with the next sequence', () => {
    const history = [...HISTORY.IN_PROGRESS, sent('DUE'), sent('OVERDUE', 0)];
    expect(due(history, at(6 * DAY - 1))).toBeNull();
    expect(due(history, at(6 * DAY))).toEqual(reminder('OVERDUE', at(6 * DAY), 1));
  });

  it('the highest due OVERDUE sequence not yet sent is returned, skipping missed ones', () => {
    expect(due([...HISTORY.IN_PROGRESS, sent('OVERDUE', 0)], at(12 * DAY + HOUR))).toEqual(
      reminder('OVERDUE', at(12 * DAY), 3),
    );
  });
});

describe('when the deadline moved', () => {
  const NEW_DEADLINE = '2023-07-30T16:00:00.000Z';
  const moved = event('DeadlineChanged', {
    previousDeadline: DEADLINE,
    deadline: NEW_DEADLINE,
    reason: '延期',
  });
  const history = [...HISTORY.IN_PROGRESS, sent('UPCOMING'), sent('DUE_SOON'), sent('DUE'), moved];

  it('nothing is due until the new schedule starts', () => {
    expect(due(history, at(DAY))).toBeNull();
  });

  it('a new schedule starts for the new deadline, ignoring reminders about the old one', () => {
    const now = '2023-07-23T16:00:00.000Z';
    expect(due(history, now)).toEqual({ kind: 'UPCOMING', deadline: NEW_DEADLINE, sequence: 0, dueAt: now });
  });

  it('moving the deadline earlier can make a later kind due at once', () => {
    const earlier = event('DeadlineChanged', {
      previousDeadline: DEADLINE,
      deadline: at(-5 * DAY),
      reason: '提前',
    });
    const state = taskSpec.fold([...HISTORY.IN_PROGRESS, sent('UPCOMING'), earlier]);
    expect(dueReminder(state, at(-5 * DAY - HOUR), DEFAULT_REMINDER_SCHEDULE)?.kind).toBe('DUE_SOON');
  });
});

describe('when the task is closed or does not exist', () => {
  it.each(['COMPLETED', 'CANCELLED'] as const)('a %s task gets no reminder, even overdue', (status) => {
    expect(due(HISTORY[status], at(10 * DAY))).toBeNull();
  });

  it('a task that does not exist gets no reminder', () => {
    expect(due([], at(10 * DAY))).toBeNull();
  });
});

describe('the policy over a task’s deadline and last sent step alone', () => {
  const kinds = fc.constantFrom<ReminderKind>('UPCOMING', 'DUE_SOON', 'DUE', 'OVERDUE');
  const deadlines = fc.constantFrom(DEADLINE, at(-5 * DAY), at(10 * DAY), '2023-06-30T16:00:00Z');
  type Step = { sent: ReminderKind; sequence: number; about: string } | { moveTo: string };
  const closing = fc.constantFrom<readonly Given<TaskEvent>[]>(
    [],
    [event('TaskCompleted', { summary: '完成', metrics: [], evidence: [] })],
    [event('TaskCancelled', { reason: '计划调整' })],
  );
  // The deadline moves (or not) between reminders: reminders about an older deadline must not count.
  const history = fc.array<Step>(
    fc.oneof(
      fc.record({ sent: kinds, sequence: fc.nat(5), about: deadlines }),
      fc.record({ moveTo: deadlines }),
    ),
    { maxLength: 6 },
  );
  const schedules = fc
    .record({
      dueSoon: fc.integer({ min: HOUR, max: 3 * DAY }),
      lead: fc.integer({ min: 1, max: 10 * DAY }),
      overdueEvery: fc.integer({ min: HOUR, max: 7 * DAY }),
    })
    .map(({ dueSoon, lead, overdueEvery }): ReminderSchedule => ({
      upcoming: dueSoon + lead,
      dueSoon,
      overdueEvery,
    }));
  const fold = (steps: readonly Step[], closed: readonly Given<TaskEvent>[]) => {
    let deadline = DEADLINE;
    const events: Given<TaskEvent>[] = [...HISTORY.IN_PROGRESS];
    for (const step of steps) {
      if ('moveTo' in step) {
        if (step.moveTo === deadline) continue;
        events.push(
          event('DeadlineChanged', { previousDeadline: deadline, deadline: step.moveTo, reason: '调整' }),
        );
        deadline = step.moveTo;
      } else {
        events.push(sent(step.sent, step.sent === 'OVERDUE' ? step.sequence : 0, step.about));
      }
    }
    return taskSpec.fold([...events, ...closed]);
  };

  it('gives the same answers as the policy over the full state, for any history, schedule and instant', () => {
    fc.assert(
      fc.property(
        history,
        closing,
        schedules,
        fc.integer({ min: -20 * DAY, max: 40 * DAY }),
        (steps, closed, schedule, offset) => {
          const state = fold(steps, closed);
          const now = at(offset);
          const progress = reminderProgress(state);
          if (progress === null) {
            expect(dueReminder(state, now, schedule)).toBeNull();
            return;
          }
          expect(progress).toEqual({ deadline: state.deadline, lastSentStep: lastSentReminderStep(state) });
          const slim = { deadline: state.deadline, lastSentStep: lastSentReminderStep(state) };
          expect(dueReminderFor(slim, now, schedule)).toEqual(dueReminder(state, now, schedule));
          // The read model keeps the deadline in canonical notation: the same reminder, about the same instant.
          const canonical = new Date(state.deadline).toISOString();
          const due = dueReminder(state, now, schedule);
          expect(dueReminderFor({ ...slim, deadline: canonical }, now, schedule)).toEqual(
            due && { ...due, deadline: canonical },
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('has nothing due for a deadline beyond the horizon, whatever was sent', () => {
    fc.assert(
      fc.property(
        schedules,
        fc.integer({ min: -1, max: 10 }),
        fc.integer({ min: -40 * DAY, max: 40 * DAY }),
        fc.integer({ min: 1, max: 30 * DAY }),
        (schedule, lastSentStep, offset, beyond) => {
          const now = at(offset);
          const horizon = Date.parse(latestDeadlineDue(0, now, schedule));
          const deadline = new Date(horizon + beyond).toISOString();
          expect(dueReminderFor({ deadline, lastSentStep }, now, schedule)).toBeNull();
          const atHorizon = new Date(horizon).toISOString();
          expect(dueReminderFor({ deadline: atHorizon, lastSentStep: -1 }, now, schedule)?.kind).toBe(
            'UPCOMING',
          );
        },
      ),
    );
  });

  it('is due exactly when the deadline is at or before the latest deadline due for the next step', () => {
    fc.assert(
      fc.property(
        schedules,
        fc.integer({ min: -1, max: 12 }),
        fc.integer({ min: -40 * DAY, max: 40 * DAY }),
        fc.integer({ min: -40 * DAY, max: 40 * DAY }),
        (schedule, lastSentStep, offset, deadlineOffset) => {
          const now = at(offset);
          const deadline = at(deadlineOffset);
          const bound = latestDeadlineDue(lastSentStep + 1, now, schedule);
          expect(dueReminderFor({ deadline, lastSentStep }, now, schedule) !== null).toBe(
            Date.parse(deadline) <= Date.parse(bound),
          );
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('counts only the reminders about the current deadline', () => {
    const moved = event('DeadlineChanged', {
      previousDeadline: DEADLINE,
      deadline: at(10 * DAY),
      reason: '延期',
    });
    const state = taskSpec.fold([
      ...HISTORY.IN_PROGRESS,
      sent('DUE'),
      moved,
      sent('UPCOMING', 0, at(10 * DAY)),
    ]);
    expect(lastSentReminderStep(state)).toBe(0);
    expect(lastSentReminderStep(taskSpec.fold([...HISTORY.IN_PROGRESS, sent('DUE'), moved]))).toBe(-1);
    expect(lastSentReminderStep(taskSpec.fold([...HISTORY.IN_PROGRESS, sent('OVERDUE', 2)]))).toBe(5);
  });
});

describe('a due reminder, once recorded through the decider', () => {
  it('is not due again', () => {
    const now = at(4 * DAY);
    const { kind, deadline, sequence } = due(HISTORY.IN_PROGRESS, now)!;
    const record = command(
      'RecordReminder',
      { kind, deadline, sequence, channel: 'log', recipient: 'log' },
      worker,
      now,
    );
    const recorded = taskDecider.decide(record, taskSpec.fold(HISTORY.IN_PROGRESS));
    const history = [...HISTORY.IN_PROGRESS, ...recorded.map((e) => ({ ...e, occurredAt: now }))];
    expect(due(history, now)).toBeNull();
    expect(due(history, at(6 * DAY))).toEqual(reminder('OVERDUE', at(6 * DAY), 1));
  });
});

describe('parseReminderSchedule', () => {
  it('reads the documented format', () => {
    expect(parseReminderSchedule('UPCOMING=7d,DUE_SOON=1d,OVERDUE_EVERY=3d')).toEqual(
      DEFAULT_REMINDER_SCHEDULE,
    );
  });

  it('takes minutes, hours and days, spaces and lower-case keys', () => {
    expect(parseReminderSchedule(' upcoming = 48h , due_soon=90m, OVERDUE_EVERY=1.5d ')).toEqual({
      upcoming: 48 * HOUR,
      dueSoon: 90 * 60_000,
      overdueEvery: 36 * HOUR,
    });
  });

  it('keeps the defaults for keys left out, and for an empty text', () => {
    expect(parseReminderSchedule('OVERDUE_EVERY=1d')).toEqual({
      ...DEFAULT_REMINDER_SCHEDULE,
      overdueEvery: DAY,
    });
    expect(parseReminderSchedule('')).toEqual(DEFAULT_REMINDER_SCHEDULE);
  });

  it.each([
    ['UPCOMING=7 days', 'REMINDER_SCHEDULE: UPCOMING: "7 days" is not a duration such as 30m, 12h or 7d'],
    ['UPCOMING=7', 'REMINDER_SCHEDULE: UPCOMING: "7" is not a duration such as 30m, 12h or 7d'],
    ['UPCOMING=7w', 'REMINDER_SCHEDULE: UPCOMING: "7w" is not a duration such as 30m, 12h or 7d'],
    ['LATER=7d', 'REMINDER_SCHEDULE: unknown key "LATER"; use UPCOMING, DUE_SOON or OVERDUE_EVERY'],
    ['UPCOMING=7d,UPCOMING=5d', 'REMINDER_SCHEDULE: UPCOMING is given more than once'],
    ['UPCOMING', 'REMINDER_SCHEDULE: expected KEY=DURATION pairs separated by commas, got "UPCOMING"'],
    [
      'UPCOMING=7d;DUE_SOON=1d',
      'REMINDER_SCHEDULE: expected KEY=DURATION pairs separated by commas, got "UPCOMING=7d;DUE_SOON=1d"',
    ],
    ['OVERDUE_EVERY=0h', 'REMINDER_SCHEDULE: OVERDUE_EVERY: must be longer than zero'],
    ['UPCOMING=1d,DUE_SOON=1d', /^REMINDER_SCHEDULE: UPCOMING must be earlier than DUE_SOON/],
  ])('rejects %j', (text, message) => {
    expect(() => parseReminderSchedule(text)).toThrow(ValidationError);
    expect(() => parseReminderSchedule(text)).toThrow(message);
  });

  it('a parsed schedule drives dueReminder', () => {
    const schedule = parseReminderSchedule('UPCOMING=2d,DUE_SOON=2h,OVERDUE_EVERY=1d');
    const state = taskSpec.fold(HISTORY.IN_PROGRESS);
    expect(dueReminder(state, at(-3 * DAY), schedule)).toBeNull();
    expect(dueReminder(state, at(-2 * HOUR), schedule)?.kind).toBe('DUE_SOON');
    expect(dueReminder(state, at(DAY), schedule)).toEqual(reminder('OVERDUE', at(DAY), 0));
  });
});

describe('formatInTimeZone', () => {
  it('shows Beijing time by default', () => {
    expect(formatInTimeZone(DEADLINE)).toBe('2023-07-01 00:00 (Asia/Shanghai)');
  });

  it.each([
    ['UTC', '2023-06-30 16:00 (UTC)'],
    ['Asia/Urumqi', '2023-06-30 22:00 (Asia/Urumqi)'],
    ['America/New_York', '2023-06-30 12:00 (America/New_York)'],
    ['Europe/Berlin', '2023-06-30 18:00 (Europe/Berlin)'],
  ])('in %s', (timeZone, formatted) => {
    expect(formatInTimeZone(DEADLINE, timeZone)).toBe(formatted);
  });

  it('follows daylight saving time', () => {
    expect(formatInTimeZone('2023-01-15T16:00:00Z', 'Europe/Berlin')).toBe(
      '2023-01-15 17:00 (Europe/Berlin)',
    );
  });

  it('reads instants with an offset', () => {
    expect(formatInTimeZone('2023-07-01T08:30:00+08:00', 'UTC')).toBe('2023-07-01 00:30 (UTC)');
  });

  it('names the field of a bad time zone or instant', () => {
    expect(() => formatInTimeZone(DEADLINE, 'Mars/Olympus')).toThrow(
      'timeZone: unknown time zone "Mars/Olympus"',
    );
    expect(() => formatInTimeZone('30/06/2023')).toThrow('instant: must be an ISO-8601 instant');
  });
});
