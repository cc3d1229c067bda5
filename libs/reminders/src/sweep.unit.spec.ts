import {
  DEFAULT_REMINDER_SCHEDULE,
  evolveTask,
  initialTaskState,
  reminderProgress,
  type Recorded,
  type TaskEvent,
  type TaskState,
} from '#domain';
import { reminderJobId } from './reminder-job.js';
import {
  dueReminderJobs,
  sweepReminders,
  type OpenTask,
  type OpenTaskSource,
  type ReminderJob,
} from './sweep.js';

const DEADLINE = '2023-06-30T16:00:00.000Z';
const DEADLINE_MS = Date.parse(DEADLINE);

function task(id: string, ...events: { type: TaskEvent['type']; data: object; at?: string }[]): TaskState {
  const assigned = {
    type: 'TaskAssigned',
    data: {
      taskId: id,
      title: '为林芝市职业技术学校培训管理干部',
      description: null,
      programId: 'tibet',
      partner: null,
      unitId: 'management',
      assignee: null,
      deadline: DEADLINE,
      targets: [],
    },
    at: '2023-03-01T00:00:00.000Z',
  };
  return [assigned, ...events].reduce(
    (state, e) =>
      evolveTask(state, {
        type: e.type,
        data: { taskId: id, ...e.data },
        metadata: { occurredAt: e.at ?? '2023-05-01T00:00:00.000Z' },
      } as Recorded<TaskEvent>),
    initialTaskState(),
  );
}

/** What the read model gives the sweep for an open task. */
const open = (state: TaskState): OpenTask => {
  const progress = reminderProgress(state);
  if (!progress) throw new Error(`${state.taskId} is not open`);
  return { taskId: state.taskId, ...progress };
};

const at = (iso: string, tasks: TaskState[]): ReminderJob[] =>
  dueReminderJobs(tasks.map(open), iso, DEFAULT_REMINDER_SCHEDULE);

describe('the sweep', () => {
  it('finds the one reminder due per open task, with a deterministic id BullMQ accepts', () => {
    const jobs = at('2023-06-30T04:00:00.000Z', [task('t-1'), task('t-2')]);
    expect(jobs).toEqual([
      {
        id: `reminder_t-1_${DEADLINE_MS}_DUE_SOON`,
        data: {
          taskId: 't-1',
          kind: 'DUE_SOON',
          deadline: DEADLINE,
          sequence: 0,
          dueAt: '2023-06-29T16:00:00.000Z',
        },
      },
      expect.objectContaining({ id: `reminder_t-2_${DEADLINE_MS}_DUE_SOON` }),
    ]);
    expect(jobs.map((j) => j.id).join('')).not.toContain(':');
  });

  it('numbers OVERDUE reminders in the id, and sends only the latest kind due', () => {
    const [job] = at('2023-07-07T00:00:00.000Z', [task('t-1')]);
    expect(job.data).toMatchObject({ kind: 'OVERDUE', sequence: 1 });
    expect(job.id).toBe(`reminder_t-1_${DEADLINE_MS}_OVERDUE_1`);
  });

  it('finds nothing before UPCOMING', () => {
    expect(at('2023-06-01T00:00:00.000Z', [task('t-3')])).toEqual([]);
  });

  it('starts a new schedule when the deadline moves: a new id, even for a kind already sent', () => {
    const sent = task('t-1', {
      type: 'ReminderSent',
      data: { kind: 'DUE_SOON', deadline: DEADLINE, sequence: 0, channel: 'log', recipient: 'log' },
    });
    expect(at('2023-06-30T04:00:00.000Z', [sent])).toEqual([]);
    const moved = task(
      't-1',
      {
        type: 'ReminderSent',
        data: { kind: 'DUE_SOON', deadline: DEADLINE, sequence: 0, channel: 'log', recipient: 'log' },
      },
      {
        type: 'DeadlineChanged',
        data: { previousDeadline: DEADLINE, deadline: '2023-06-30T20:00:00.000Z', reason: '推迟' },
      },
    );
    const [job] = at('2023-06-30T04:00:00.000Z', [moved]);
    expect(job.id).toBe(
      reminderJobId({ taskId: 't-1', kind: 'DUE_SOON', deadline: '2023-06-30T20:00:00.000Z', sequence: 0 }),
    );
  });

  it('enqueues in batches and reports what it found', async () => {
    const tasks = Array.from({ length: 450 }, (_, i) => open(task(`t-${i}`)));
    const asked: string[] = [];
    const source: OpenTaskSource = {
      async *openTaskPages(now) {
        asked.push(now);
        yield tasks.slice(0, 150);
        yield tasks.slice(150, 300);
        yield tasks.slice(300);
      },
    };
    const batches: number[] = [];
    const result = await sweepReminders(
      source,
      async (jobs) => {
        batches.push(jobs.length);
        return jobs.length;
      },
      { now: '2023-06-30T04:00:00.000Z', schedule: DEFAULT_REMINDER_SCHEDULE },
    );
    expect(result).toEqual({ scanned: 450, due: 450, enqueued: 450 });
    expect(batches).toEqual([200, 200, 50]);
    expect(asked).toEqual(['2023-06-30T04:00:00.000Z']);
  });
});
