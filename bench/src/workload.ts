/**
 * The benchmark's school year, seeded and reproducible: 30 units × 12 programmes, 10,000
 * tasks × scale, about 20 events per task (assign, acknowledge, 15 progress reports, a
 * deadline change, 1–2 reminders, and for 55 % of tasks the completion). Titles, notes
 * and summaries are Chinese text of 20–200 characters built from the vocabulary of the
 * college's 2023 report (apps/cli/src/demo-plan.ts); every task has 2–4 metric targets.
 *
 * Each task draws from its own generator (seed, index), so any process (the bare
 * baseline server, the load generator's parent) can plan the same tasks without
 * generating the whole log.
 */
import type { Actor, MetricTarget, MetricValue } from '#domain';
import { DEMO_PROGRAMS, DEMO_TASKS, DEMO_UNITS } from '../../apps/cli/src/demo-plan.js';
import { Rng } from './rng.js';

export const TASKS_PER_SCALE = 10_000;
export const UNIT_COUNT = 30;
export const PROGRAM_COUNT = 12;
/** Events of the one task whose history `task(asOf)` rebuilds. */
export const LONG_TASK_EVENTS = 1_000;

const DAY = 86_400_000;
/** The school year the log covers; instants are fixed so the workload does not depend on the clock. */
export const YEAR_START = Date.parse('2023-09-01T00:00:00.000Z');
/** The sweep and delivery clock: near the end of the year, when many open deadlines are close or past. */
export const SWEEP_NOW = '2024-07-01T00:00:00.000Z';
const OPEN_DEADLINE_FROM = Date.parse('2024-05-01T00:00:00.000Z');
const OPEN_DEADLINE_TO = Date.parse('2024-09-30T00:00:00.000Z');

export const OFFICE: Actor = { id: 'office-1', role: 'office', name: '对口支援办公室' };
export const REMINDER_ACTOR: Actor = { id: 'reminder-worker', name: '催办 reminder worker', role: 'worker' };

export interface PlannedUnit {
  readonly id: string;
  readonly name: string;
}

export interface PlannedProgram {
  readonly id: string;
  readonly name: string;
  readonly region: string;
}

export interface PlannedTask {
  readonly index: number;
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly unitId: string;
  readonly programId: string;
  readonly partner: string;
  readonly assignee: string;
  /** Open tasks end IN_PROGRESS; the others COMPLETED. */
  readonly open: boolean;
  readonly deadline: string;
  readonly targets: readonly MetricTarget[];
  /** Progress after the last report (100 when completed). */
  readonly progress: number;
  /** Events in the task's stream. */
  readonly eventCount: number;
}

/** One event to store: the seeding code builds envelopes and hashes from it. */
export interface SeedEvent {
  readonly streamId: string;
  readonly type: string;
  readonly data: unknown;
  readonly actor: Actor;
  readonly occurredAt: string;
}

const EXTRA_UNITS = [
  '机电工程学院',
  '信息工程学院',
  '财经学院',
  '外语学院',
  '艺术设计学院',
  '建筑工程学院',
  '电子商务学院',
  '旅游管理学院',
  '马克思主义学院',
  '继续教育学院',
  '国际教育学院',
  '体育部',
  '图书馆',
  '教务处',
  '科研处',
  '人事处',
  '财务处',
  '后勤管理处',
  '招生就业处',
  '校团委',
  '实训中心',
  '质量管理办公室',
  '工会',
  '档案馆',
];
const EXTRA_PROGRAMS: PlannedProgram[] = [
  { id: 'qinghai', name: '援青', region: '青海海东' },
  { id: 'guangxi', name: '粤桂协作', region: '广西百色' },
  { id: 'bijie', name: '对口帮扶毕节', region: '贵州毕节' },
  { id: 'shanwei', name: '省内结对帮扶', region: '广东汕尾' },
  { id: 'yunnan', name: '滇西职教帮扶', region: '云南昭通' },
];
const PARTNERS = [
  ...new Set(DEMO_TASKS.map((t) => t.partner)),
  '海东职业技术学校',
  '百色职业学院',
  '昭通卫生职业学院',
  '汕尾职业技术学院',
];
const ACTIVITIES = [
  ...DEMO_TASKS.map((t) => t.title),
  '开展专业带头人结对帮扶',
  '共建校内外实训基地',
  '组织骨干教师跟岗研修',
  '联合开发课程资源包',
  '选派管理干部挂职锻炼',
  '开展学生技能竞赛联合集训',
  '举办职业教育数字化专题培训',
];
/** Clauses that notes, descriptions and summaries are made of. */
const CLAUSES = [
  ...DEMO_TASKS.map((t) => t.description),
  ...DEMO_TASKS.flatMap((t) => t.steps.flatMap((s) => ('note' in s && s.note ? [s.note] : []))),
  ...DEMO_TASKS.flatMap((t) => t.steps.flatMap((s) => ('summary' in s ? [s.summary] : []))),
  '已与受援院校召开线上对接会，明确本阶段工作清单',
  '完成第一批师资培训，学员考核全部合格',
  '实训设备已到货，正在安装调试',
  '受援院校提出新增课程需求，已纳入下一阶段计划',
  '项目经费已按进度拨付，票据归档完毕',
  '专家组赴现场指导，形成问题整改清单',
  '学生顶岗实习岗位已落实，企业导师到位',
  '根据受援方反馈调整培训内容和时间安排',
];
const METRICS = [
  { key: 'trainees', label: '培训人数', unit: '人', max: 300 },
  { key: 'students', label: '指导学生', unit: '人', max: 200 },
  { key: 'courses', label: '共建课程', unit: '门', max: 20 },
  { key: 'plans', label: '人才培养方案', unit: '份', max: 6 },
  { key: 'teachers', label: '挂职教师', unit: '人', max: 30 },
  { key: 'bases', label: '实训基地', unit: '个', max: 5 },
  { key: 'months', label: '跟岗月数', unit: '月', max: 12 },
  { key: 'value', label: '捐赠价值', unit: '元', max: 5_000_000 },
];
const REASONS = [
  '受援院校调整教学日历',
  '疫情防控要求推迟现场活动',
  '实训设备采购流程延长',
  '根据省厅考核安排统一调整',
];

export function plannedUnits(): PlannedUnit[] {
  const demo = DEMO_UNITS.map((u) => ({ id: u.id, name: u.name }));
  const extra = EXTRA_UNITS.map((name, i) => ({ id: `unit-${String(i + 1).padStart(2, '0')}`, name }));
  return [...demo, ...extra].slice(0, UNIT_COUNT);
}

export function plannedPrograms(): PlannedProgram[] {
  return [...DEMO_PROGRAMS, ...EXTRA_PROGRAMS].slice(0, PROGRAM_COUNT);
}

/** Chinese text of exactly `length` characters (20–200 in this workload). */
function text(rng: Rng, length: number): string {
  let out = '';
  while (out.length < length) out += (out ? '；' : '') + rng.pick(CLAUSES);
  return out.slice(0, length);
}

const textOf = (rng: Rng) => text(rng, rng.int(20, 200));

function taskRng(seed: number, index: number): Rng {
  return new Rng(Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b));
}

/** The tasks of the workload (without their events): the same list in every process. */
export function planTasks(seed: number, scale: number): PlannedTask[] {
  const count = Math.max(1, Math.round(TASKS_PER_SCALE * scale));
  return Array.from({ length: count }, (_, index) => planTask(seed, index).task);
}

interface Plan {
  readonly task: PlannedTask;
  readonly rng: Rng;
  readonly assignedAt: number;
  readonly endAt: number;
  readonly originalDeadline: string;
  readonly description: string;
  readonly reminders: number;
}

const units = plannedUnits();
const programs = plannedPrograms();

function planTask(seed: number, index: number): Plan {
  const rng = taskRng(seed, index);
  const id = rng.uuid();
  const unit = rng.pick(units);
  const program = rng.pick(programs);
  const partner = rng.pick(PARTNERS);
  const activity = rng.pick(ACTIVITIES);
  const titleLength = rng.int(20, 200);
  const title = `${activity}（${partner}）${text(rng, titleLength)}`.slice(0, titleLength);
  const open = rng.chance(0.45);
  const assignedAt = YEAR_START + rng.int(0, 150) * DAY;
  const deadline = open
    ? OPEN_DEADLINE_FROM + rng.int(0, (OPEN_DEADLINE_TO - OPEN_DEADLINE_FROM) / DAY) * DAY
    : assignedAt + rng.int(90, 240) * DAY;
  const endAt = open ? Math.min(Date.parse(SWEEP_NOW), deadline) - DAY : deadline - rng.int(1, 20) * DAY;
  const targetCount = rng.int(2, 4);
  const metrics = shuffled(rng, METRICS).slice(0, targetCount);
  const targets: MetricTarget[] = metrics.map((m) => ({
    key: m.key,
    label: m.label,
    target: rng.int(1, m.max),
    unit: m.unit,
  }));
  const reminders = rng.chance(0.5) ? 2 : 1;
  const eventCount = 2 + 15 + reminders + 1 + (open ? 0 : 1);
  const description = textOf(rng);
  const task: PlannedTask = {
    index,
    id,
    title,
    description,
    unitId: unit.id,
    programId: program.id,
    partner,
    assignee: `${unit.name}项目负责人`,
    open,
    deadline: new Date(deadline).toISOString(),
    targets,
    progress: open ? 95 : 100,
    eventCount,
  };
  const originalDeadline = new Date(deadline - rng.int(7, 30) * DAY).toISOString();
  return { task, rng, assignedAt, endAt, originalDeadline, description, reminders };
}

function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function metricsAt(rng: Rng, targets: readonly MetricTarget[], progress: number): MetricValue[] {
  const reported = targets.filter(() => rng.chance(0.5));
  return reported.map((t) => ({ key: t.key, value: Math.round((t.target * progress) / 100) }));
}

const evidenceLink = (rng: Rng, taskId: string) =>
  `https://docs.example.edu.cn/duikou/2023/${taskId.slice(0, 8)}-${rng.int(1, 99)}.pdf`;

/** The events of one task's stream, oldest first. */
export function taskEvents(seed: number, index: number, contactOf: (unitId: string) => string): SeedEvent[] {
  const { task, rng, assignedAt, endAt, originalDeadline, description, reminders } = planTask(seed, index);
  const streamId = `task-${task.id}`;
  const manager: Actor = {
    id: `mgr-${task.unitId}`,
    role: 'unit_manager',
    unitId: task.unitId,
    name: units.find((u) => u.id === task.unitId)?.name,
  };
  const times = Array.from({ length: task.eventCount }, (_, i) =>
    i === 0 ? assignedAt : assignedAt + rng.next() * (endAt - assignedAt),
  ).sort((a, b) => a - b);
  let next = 0;
  const at = () => new Date(Math.floor(times[next++])).toISOString();
  const events: SeedEvent[] = [];
  const push = (type: string, data: Record<string, unknown>, actor: Actor) =>
    events.push({ streamId, type, data: { taskId: task.id, ...data }, actor, occurredAt: at() });

  push(
    'TaskAssigned',
    {
      title: task.title,
      description,
      programId: task.programId,
      partner: task.partner,
      unitId: task.unitId,
      assignee: task.assignee,
      deadline: originalDeadline,
      targets: task.targets,
    },
    OFFICE,
  );
  push('TaskAcknowledged', { note: rng.chance(0.5) ? textOf(rng) : null }, manager);
  const report = (n: number) => {
    const progress = Math.min(95, 5 + n * 6);
    push(
      'ProgressReported',
      {
        progress,
        note: textOf(rng),
        metrics: metricsAt(rng, task.targets, progress),
        evidence: rng.chance(0.2) ? [evidenceLink(rng, task.id)] : [],
      },
      manager,
    );
  };
  for (let n = 0; n < 8; n++) report(n);
  const kinds = ['UPCOMING', 'DUE_SOON'];
  for (let r = 0; r < reminders; r++) {
    push(
      'ReminderSent',
      {
        kind: kinds[r],
        deadline: originalDeadline,
        sequence: 0,
        channel: 'webhook',
        recipient: contactOf(task.unitId),
      },
      REMINDER_ACTOR,
    );
  }
  push(
    'DeadlineChanged',
    { previousDeadline: originalDeadline, deadline: task.deadline, reason: rng.pick(REASONS) },
    OFFICE,
  );
  for (let n = 8; n < 15; n++) report(n);
  if (!task.open) {
    push(
      'TaskCompleted',
      {
        summary: textOf(rng),
        metrics: task.targets.map((t) => ({ key: t.key, value: t.target })),
        evidence: [evidenceLink(rng, task.id)],
      },
      manager,
    );
  }
  return events;
}

/** Units and programmes first (their streams), as an office registers them at the start of the year. */
export function directoryEvents(contactOf: (unitId: string) => string): SeedEvent[] {
  const at = new Date(YEAR_START - DAY).toISOString();
  return [
    ...units.map((u) => ({
      streamId: `unit-${u.id}`,
      type: 'UnitRegistered',
      data: { unitId: u.id, name: u.name, contacts: [contactOf(u.id)] },
      actor: OFFICE,
      occurredAt: at,
    })),
    ...programs.map((p) => ({
      streamId: `program-${p.id}`,
      type: 'ProgramRegistered',
      data: { programId: p.id, name: p.name, region: p.region },
      actor: OFFICE,
      occurredAt: at,
    })),
  ];
}

/** The task with LONG_TASK_EVENTS events (assigned, acknowledged, then progress reports all year). */
export function longTask(seed: number): PlannedTask {
  const rng = taskRng(seed, -1);
  return {
    index: -1,
    id: rng.uuid(),
    title: '跨区域协同发展共同体年度督办总台账（全年进度逐日报送）',
    description: '共同体成员院校全年帮扶进度逐日报送、汇总与督办。',
    unitId: units[0].id,
    programId: programs[0].id,
    partner: PARTNERS[0],
    assignee: '对口支援办公室',
    open: true,
    deadline: '2024-12-31T00:00:00.000Z',
    targets: [
      { key: 'trainees', label: '培训人数', target: 1000, unit: '人' },
      { key: 'courses', label: '共建课程', target: 20, unit: '门' },
    ],
    progress: 99,
    eventCount: LONG_TASK_EVENTS,
  };
}

export function longTaskEvents(seed: number): SeedEvent[] {
  const task = longTask(seed);
  const rng = taskRng(seed, -2);
  const streamId = `task-${task.id}`;
  const manager: Actor = { id: `mgr-${task.unitId}`, role: 'unit_manager', unitId: task.unitId };
  const step = Math.floor((Date.parse(SWEEP_NOW) - YEAR_START) / LONG_TASK_EVENTS);
  const at = (i: number) => new Date(YEAR_START + i * step).toISOString();
  const events: SeedEvent[] = [
    {
      streamId,
      type: 'TaskAssigned',
      data: {
        taskId: task.id,
        title: task.title,
        description: task.description,
        programId: task.programId,
        partner: task.partner,
        unitId: task.unitId,
        assignee: task.assignee,
        deadline: task.deadline,
        targets: task.targets,
      },
      actor: OFFICE,
      occurredAt: at(0),
    },
    {
      streamId,
      type: 'TaskAcknowledged',
      data: { taskId: task.id, note: null },
      actor: manager,
      occurredAt: at(1),
    },
  ];
  for (let i = 2; i < LONG_TASK_EVENTS; i++) {
    const progress = Math.min(99, Math.floor((i * 100) / LONG_TASK_EVENTS));
    events.push({
      streamId,
      type: 'ProgressReported',
      data: {
        taskId: task.id,
        progress,
        note: textOf(rng),
        metrics: [{ key: 'trainees', value: i }],
        evidence: [],
      },
      actor: manager,
      occurredAt: at(i),
    });
  }
  return events;
}

/** The instant in the middle of the long task's history: `task(asOf)` folds about 500 events there. */
export const longTaskMidpoint = (): string =>
  new Date(YEAR_START + (Date.parse(SWEEP_NOW) - YEAR_START) / 2).toISOString();

/**
 * The whole log in the order it is stored: the directory, then task events interleaved
 * across windows of `window` tasks (event k of every task in the window, then k+1…), as
 * many units reporting through the year would interleave them; the long task last.
 */
export function* logInOrder(
  seed: number,
  scale: number,
  contactOf: (unitId: string) => string,
  window = 1000,
): Generator<SeedEvent[]> {
  yield directoryEvents(contactOf);
  const count = Math.max(1, Math.round(TASKS_PER_SCALE * scale));
  for (let first = 0; first < count; first += window) {
    const streams: SeedEvent[][] = [];
    for (let i = first; i < Math.min(count, first + window); i++)
      streams.push(taskEvents(seed, i, contactOf));
    const batch: SeedEvent[] = [];
    const longest = Math.max(...streams.map((s) => s.length));
    for (let k = 0; k < longest; k++) for (const s of streams) if (k < s.length) batch.push(s[k]);
    yield batch;
  }
  yield longTaskEvents(seed);
}
