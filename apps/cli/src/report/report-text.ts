import type { TaskStatus } from '#domain';

export type Locale = 'zh' | 'en';

/** Every word the annual report prints, per locale. Chinese is the default: the report goes to the provincial department. */
export interface ReportText {
  readonly title: (year: number) => string;
  readonly period: (from: string, to: string, timeZone: string) => string;
  readonly source: (events: number, asOf: string) => string;
  readonly digest: string;
  readonly overview: string;
  readonly summary: (t: SummaryFigures) => string;
  readonly programs: string;
  readonly partners: string;
  readonly sectionCounts: (t: SectionFigures) => string;
  readonly targets: string;
  readonly targetHeader: readonly [string, string, string, string];
  readonly taskHeader: readonly [string, string, string, string, string, string, string];
  readonly ranking: string;
  readonly rankingHeader: readonly [string, string, string, string, string, string, string, string];
  readonly late: string;
  readonly lateHeader: readonly [string, string, string, string, string, string];
  readonly none: string;
  readonly verification: string;
  readonly verifyHow: (year: number, digest: string) => string[];
  readonly status: Readonly<Record<TaskStatus, string>>;
  readonly overdueMark: string;
  readonly sheets: {
    readonly summary: string;
    readonly programs: string;
    readonly targets: string;
    readonly tasks: string;
    readonly ranking: string;
    readonly late: string;
  };
  readonly summaryRows: readonly [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  readonly programHeader: readonly string[];
  readonly allTasksHeader: readonly string[];
  readonly numerals: (n: number) => string;
}

export interface SummaryFigures {
  readonly tasks: number;
  readonly units: number;
  readonly programs: number;
  readonly partners: number;
  readonly completed: number;
  readonly completedOnTime: number;
  readonly completedLate: number;
  readonly open: number;
  readonly overdue: number;
  readonly evidence: number;
}

export interface SectionFigures {
  readonly tasks: number;
  readonly completed: number;
  readonly completedOnTime: number;
  readonly open: number;
  readonly overdue: number;
  readonly evidence: number;
}

const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

const zh: ReportText = {
  title: (year) => `${year} 年对口支援和协作计划工作报告`,
  period: (from, to, timeZone) => `统计期间：${from} 至 ${to}（${timeZone}）`,
  source: (events, asOf) => `数据来源：事件日志中截至 ${asOf} 的 ${events} 个事件`,
  digest: '审计摘要：',
  overview: '总体情况',
  summary: (t) =>
    `全年共下达帮扶任务 ${t.tasks} 项，涉及 ${t.units} 个二级单位、${t.programs} 个帮扶项目、${t.partners} 个合作院校（单位）；` +
    `已办结 ${t.completed} 项（按期办结 ${t.completedOnTime} 项，逾期办结 ${t.completedLate} 项），` +
    `未办结 ${t.open} 项，其中逾期未办结 ${t.overdue} 项；累计提交佐证材料 ${t.evidence} 份。`,
  programs: '各帮扶项目完成情况',
  partners: '合作院校（单位）',
  sectionCounts: (t) =>
    `任务 ${t.tasks} 项，已办结 ${t.completed} 项（按期 ${t.completedOnTime} 项），未办结 ${t.open} 项` +
    `（逾期 ${t.overdue} 项）；佐证材料 ${t.evidence} 份。`,
  targets: '目标完成情况',
  targetHeader: ['指标', '目标', '完成', '完成率'],
  taskHeader: ['任务', '承办单位', '合作方', '状态', '截止时间', '办结时间', '进度'],
  ranking: '二级单位考核排名',
  rankingHeader: ['排名', '单位', '任务', '已办结', '按期办结', '逾期未办结', '曾逾期', '按期办结率'],
  late: '逾期办结任务',
  lateHeader: ['任务', '帮扶项目', '承办单位', '截止时间', '办结时间', '逾期天数'],
  none: '无。',
  verification: '数据核验',
  verifyHow: (year, digest) => [
    `本报告的每个数字都只由事件日志计算得出，可离线复核：`,
    `1. \`npm run audit:export -- --from ${year}-01-01 --to ${year}-12-31 --out ${year}.jsonl\` 导出审计包；`,
    `2. \`npm run audit:verify -- ${year}.jsonl --digest ${digest}\` 逐条校验哈希链与审计摘要；`,
    `3. \`npm run report -- --year ${year} --bundle ${year}.jsonl --out check.md\` 由审计包重新生成本报告，数字应完全一致。`,
  ],
  status: {
    ASSIGNED: '已下达',
    IN_PROGRESS: '进行中',
    BLOCKED: '受阻',
    COMPLETED: '已办结',
    CANCELLED: '已取消',
  },
  overdueMark: '（逾期）',
  sheets: {
    summary: '概览',
    programs: '帮扶项目',
    targets: '目标完成',
    tasks: '任务清单',
    ranking: '单位排名',
    late: '逾期办结',
  },
  summaryRows: [
    '年度',
    '任务',
    '二级单位',
    '帮扶项目',
    '合作院校（单位）',
    '已办结',
    '按期办结',
    '逾期办结',
    '未办结',
    '逾期未办结',
    '佐证材料',
  ],
  programHeader: [
    '帮扶项目',
    '地区',
    '合作院校（单位）',
    '任务',
    '已办结',
    '按期办结',
    '未办结',
    '逾期未办结',
    '佐证材料',
  ],
  allTasksHeader: [
    '帮扶项目',
    '任务',
    '承办单位',
    '合作方',
    '状态',
    '进度',
    '截止时间',
    '办结时间',
    '逾期',
    '曾逾期',
    '佐证材料',
  ],
  numerals: (n) => CHINESE_NUMERALS[n - 1] ?? String(n),
};

const en: ReportText = {
  title: (year) => `Counterpart Assistance and Cooperation: Work Report ${year}`,
  period: (from, to, timeZone) => `Period: ${from} to ${to} (${timeZone})`,
  source: (events, asOf) => `Source: the ${events} events of the event log up to ${asOf}`,
  digest: 'Audit digest: ',
  overview: 'Overview',
  summary: (t) =>
    `${t.tasks} assistance tasks were assigned to ${t.units} units across ${t.programs} programmes and ` +
    `${t.partners} partner institutions; ${t.completed} were completed (${t.completedOnTime} on time, ` +
    `${t.completedLate} late), ${t.open} are not completed, ${t.overdue} of them overdue; ` +
    `${t.evidence} pieces of evidence were submitted.`,
  programs: 'Programmes',
  partners: 'Partners',
  sectionCounts: (t) =>
    `${t.tasks} tasks, ${t.completed} completed (${t.completedOnTime} on time), ${t.open} not completed ` +
    `(${t.overdue} overdue); ${t.evidence} pieces of evidence.`,
  targets: 'Targets',
  targetHeader: ['Metric', 'Target', 'Achieved', 'Rate'],
  taskHeader: ['Task', 'Unit', 'Partner', 'Status', 'Deadline', 'Completed', 'Progress'],
  ranking: 'Unit ranking',
  rankingHeader: ['Rank', 'Unit', 'Tasks', 'Completed', 'On time', 'Overdue', 'Ever overdue', 'On-time rate'],
  late: 'Tasks completed late',
  lateHeader: ['Task', 'Programme', 'Unit', 'Deadline', 'Completed', 'Days late'],
  none: 'None.',
  verification: 'Verification',
  verifyHow: (year, digest) => [
    'Every figure in this report is computed from the event log alone and can be checked offline:',
    `1. \`npm run audit:export -- --from ${year}-01-01 --to ${year}-12-31 --out ${year}.jsonl\` exports an audit bundle;`,
    `2. \`npm run audit:verify -- ${year}.jsonl --digest ${digest}\` checks every hash, link and the digest;`,
    `3. \`npm run report -- --year ${year} --bundle ${year}.jsonl --locale en --out check.md\` rebuilds this report from the bundle: the figures must be identical.`,
  ],
  status: {
    ASSIGNED: 'assigned',
    IN_PROGRESS: 'in progress',
    BLOCKED: 'blocked',
    COMPLETED: 'completed',
    CANCELLED: 'cancelled',
  },
  overdueMark: ' (overdue)',
  sheets: {
    summary: 'Summary',
    programs: 'Programmes',
    targets: 'Targets',
    tasks: 'Tasks',
    ranking: 'Unit ranking',
    late: 'Completed late',
  },
  summaryRows: [
    'Year',
    'Tasks',
    'Units',
    'Programmes',
    'Partners',
    'Completed',
    'On time',
    'Late',
    'Not completed',
    'Overdue',
    'Evidence',
  ],
  programHeader: [
    'Programme',
    'Region',
    'Partners',
    'Tasks',
    'Completed',
    'On time',
    'Not completed',
    'Overdue',
    'Evidence',
  ],
  allTasksHeader: [
    'Programme',
    'Task',
    'Unit',
    'Partner',
    'Status',
    'Progress',
    'Deadline',
    'Completed',
    'Overdue',
    'Ever overdue',
    'Evidence',
  ],
  numerals: (n) => String(n),
};

export const REPORT_TEXT: Readonly<Record<Locale, ReportText>> = { zh, en };
