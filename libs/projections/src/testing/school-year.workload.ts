import { programStream, taskStream, unitStream, type Actor, type MetricTarget } from '#domain';
import type { EventStore, NewEvent } from '#event-store';

/**
 * A seeded school year for volume runs (replay, export): 30 units, 12 programmes and
 * `events / 20` tasks of about 20 events each (assign, acknowledge, 15 progress reports,
 * a deadline change, completion or a block, a reminder), with Chinese titles and 2–4
 * metric targets. The same seed always writes the same events.
 */
export interface WorkloadOptions {
  readonly events: number;
  readonly seed?: number;
  /** Called after each append with the number of events written so far. */
  readonly onProgress?: (written: number) => void;
}

const UNITS = 30;
const PROGRAMS = 12;
const DAY = 86_400_000;
const YEAR_START = Date.parse('2023-01-01T00:00:00.000Z');
const office: Actor = { id: 'office-bench', name: '对口支援办公室', role: 'office' };
const worker: Actor = { id: 'reminder-worker', name: 'reminders', role: 'worker' };
const TITLES = [
  '培训',
  '结对帮扶',
  '专业建设',
  '课程资源共建',
  '师资交流',
  '实训基地建设',
  '学生联合培养',
  '党建共建',
];
const PARTNERS = [
  '林芝市职业技术学校',
  '喀什职业技术学院',
  '培黎职业学院',
  '毕节职业技术学院',
  '大兴安岭职业学院',
];
const METRICS: MetricTarget[] = [
  { key: 'trainees', label: '培训人数', target: 0, unit: '人' },
  { key: 'teachers', label: '培训教师', target: 0, unit: '人' },
  { key: 'plans', label: '人才培养方案', target: 0, unit: '份' },
  { key: 'agreements', label: '合作协议', target: 0, unit: '项' },
];

/** Mulberry32: small, fast, seedable. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Append {
  readonly streamId: string;
  readonly events: NewEvent[];
  readonly actor: Actor;
  readonly at: number;
}

/** Appends the workload; returns the number of events written. */
export async function writeSchoolYear(store: EventStore, options: WorkloadOptions): Promise<number> {
  const rnd = random(options.seed ?? 2023);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rnd() * items.length)]!;
  const iso = (ms: number) => new Date(ms).toISOString();
  let written = 0;
  const write = async ({ streamId, events, actor, at }: Append) => {
    await store.append(streamId, events, {
      expectedRevision: 'any',
      actor,
      occurredAt: iso(at),
      correlationId: `bench-${written}`,
    });
    written += events.length;
    options.onProgress?.(written);
  };

  for (let u = 0; u < UNITS; u++) {
    const unitId = `unit${String(u).padStart(2, '0')}`;
    await write({
      streamId: unitStream(unitId),
      events: [
        {
          type: 'UnitRegistered',
          data: { unitId, name: `二级单位${u}`, contacts: [`${unitId}@example.edu.cn`] },
        },
      ],
      actor: office,
      at: YEAR_START,
    });
  }
  for (let p = 0; p < PROGRAMS; p++) {
    const programId = `program${String(p).padStart(2, '0')}`;
    await write({
      streamId: programStream(programId),
      events: [
        { type: 'ProgramRegistered', data: { programId, name: `帮扶项目${p}`, region: pick(PARTNERS) } },
      ],
      actor: office,
      at: YEAR_START,
    });
  }

  const tasks = Math.max(1, Math.floor((options.events - UNITS - PROGRAMS) / 20));
  // Each task's life in four appends; tasks are written round-robin in rounds so the log interleaves them.
  const rounds: Append[][] = [[], [], [], []];
  for (let i = 0; i < tasks; i++) {
    const taskId = `b3a5c0de-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const streamId = taskStream(taskId);
    const unitId = `unit${String(i % UNITS).padStart(2, '0')}`;
    const manager: Actor = { id: `manager-${unitId}`, role: 'unit_manager', unitId };
    const assigned = YEAR_START + Math.floor(rnd() * 200) * DAY;
    const deadline = assigned + (30 + Math.floor(rnd() * 120)) * DAY;
    const targets = METRICS.slice(0, 2 + Math.floor(rnd() * 3)).map((m) => ({
      ...m,
      target: 10 + Math.floor(rnd() * 300),
    }));
    const title = `${pick(TITLES)}：${pick(PARTNERS)}第${i}项任务，组织骨干教师与管理干部开展交流学习`;
    rounds[0].push({
      streamId,
      actor: office,
      at: assigned,
      events: [
        {
          type: 'TaskAssigned',
          data: {
            taskId,
            title,
            description: `${title}。按年度计划推进，每月报送进展并附佐证材料。`,
            programId: `program${String(i % PROGRAMS).padStart(2, '0')}`,
            partner: pick(PARTNERS),
            unitId,
            assignee: `负责人${i % 97}`,
            deadline: new Date(deadline).toISOString(),
            targets,
          },
        },
        { type: 'TaskAcknowledged', data: { taskId, note: '已签收，按计划推进' } },
      ],
    });
    rounds[1].push({
      streamId,
      actor: manager,
      at: assigned + 10 * DAY,
      events: Array.from({ length: 15 }, (_, n) => ({
        type: 'ProgressReported',
        data: {
          taskId,
          progress: Math.min(95, (n + 1) * 6),
          note: `第${n + 1}次进展报告：完成阶段性工作，参训人员反馈良好，下一步继续推进。`,
          metrics: targets.map((t) => ({ key: t.key, value: Math.round((t.target * (n + 1)) / 16) })),
          evidence: n % 5 === 4 ? [`https://docs.example.edu.cn/bench/${taskId}/${n}.pdf`] : [],
        },
      })),
    });
    const newDeadline = deadline + 14 * DAY;
    rounds[2].push({
      streamId,
      actor: office,
      at: assigned + 20 * DAY,
      events: [
        {
          type: 'DeadlineChanged',
          data: {
            taskId,
            previousDeadline: iso(deadline),
            deadline: iso(newDeadline),
            reason: '合作院校调整安排',
          },
        },
      ],
    });
    const late = rnd() < 0.2;
    const doneAt = late ? newDeadline + 5 * DAY : assigned + 25 * DAY;
    rounds[3].push({
      streamId,
      actor: worker,
      at: doneAt - DAY,
      events: [
        {
          type: 'ReminderSent',
          data: {
            taskId,
            kind: 'DUE_SOON',
            deadline: iso(newDeadline),
            sequence: 0,
            channel: 'log',
            recipient: `${unitId}@example.edu.cn`,
          },
        },
      ],
    });
    rounds[3].push({
      streamId,
      actor: manager,
      at: doneAt,
      events:
        i % 10 === 9
          ? [
              {
                type: 'TaskBlocked',
                data: { taskId, reason: '等待合作院校确认', previousStatus: 'IN_PROGRESS' },
              },
            ]
          : [
              {
                type: 'TaskCompleted',
                data: {
                  taskId,
                  summary: '任务完成，佐证材料已归档',
                  metrics: targets.map((t) => ({ key: t.key, value: t.target })),
                  evidence: [`https://docs.example.edu.cn/bench/${taskId}/final.pdf`],
                },
              },
            ],
    });
  }
  for (const round of rounds) for (const append of round) await write(append);
  return written;
}
