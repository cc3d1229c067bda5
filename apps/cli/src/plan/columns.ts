/** The columns of a plan sheet (任务清单). Headers may be Chinese or English, or both ("任务 title"). */
export type PlanField =
  | 'title'
  | 'programme'
  | 'partner'
  | 'unit'
  | 'assignee'
  | 'deadline'
  | 'targets'
  | 'description'
  | 'key'
  | 'status'
  | 'taskId';

export interface PlanColumn {
  readonly field: PlanField;
  /** The header the template writes. */
  readonly zh: string;
  readonly en: string;
  readonly required: boolean;
  /** Every header (lower case) that means this column. */
  readonly aliases: readonly string[];
  /** What goes in it: the template's header note and the docs. */
  readonly help: string;
  /** Column width in the template and the export (characters). */
  readonly width: number;
}

export const PLAN_COLUMNS: readonly PlanColumn[] = [
  {
    field: 'title',
    zh: '任务',
    en: 'title',
    required: true,
    aliases: ['任务', '任务名称', '任务内容', '标题', 'title', 'task'],
    help: 'Required, at most 200 characters.',
    width: 40,
  },
  {
    field: 'programme',
    zh: '项目',
    en: 'programme',
    required: true,
    aliases: ['项目', '帮扶项目', '所属项目', 'programme', 'program', 'programid', 'programmeid'],
    help: 'Required: a programme id or name (援藏, tibet). Unknown ones: --create-missing registers them.',
    width: 16,
  },
  {
    field: 'partner',
    zh: '对口单位',
    en: 'partner',
    required: false,
    aliases: ['对口单位', '受援单位', '帮扶对象', '受援院校', 'partner'],
    help: 'The school or body assisted, at most 200 characters.',
    width: 24,
  },
  {
    field: 'unit',
    zh: '责任单位',
    en: 'unit',
    required: true,
    aliases: ['责任单位', '承办单位', '牵头单位', 'unit', 'unitid'],
    help: 'Required: a secondary unit id or name (管理学院, management). Unknown ones: --create-missing.',
    width: 16,
  },
  {
    field: 'assignee',
    zh: '负责人',
    en: 'assignee',
    required: false,
    aliases: ['负责人', '责任人', 'assignee', 'owner'],
    help: 'At most 100 characters.',
    width: 14,
  },
  {
    field: 'deadline',
    zh: '截止日期',
    en: 'deadline',
    required: true,
    aliases: ['截止日期', '截止时间', '完成时限', 'deadline', 'due', 'duedate'],
    help: 'Required: a date (2023-06-30: due by the end of that day, school time) or an instant with offset.',
    width: 14,
  },
  {
    field: 'targets',
    zh: '指标',
    en: 'targets',
    required: false,
    aliases: ['指标', '量化指标', '目标', '绩效指标', 'targets', 'metrics'],
    help: 'Quantified targets: 培训人数=92人; 满意度=95%. A key of your own: 培训人数[trainees]=92人.',
    width: 30,
  },
  {
    field: 'description',
    zh: '描述',
    en: 'description',
    required: false,
    aliases: ['描述', '任务描述', '说明', '具体内容', 'description', 'details'],
    help: 'At most 4000 characters.',
    width: 40,
  },
  {
    field: 'key',
    zh: '编号',
    en: 'key',
    required: false,
    aliases: ['编号', '任务编号', 'key', 'ref', 'reference'],
    help: 'Optional: your own id of the row. Re-importing a row with the same 编号 creates nothing new.',
    width: 12,
  },
  {
    field: 'status',
    zh: '状态',
    en: 'status',
    required: false,
    aliases: ['状态', 'status'],
    help: 'Empty or 待签收 (ASSIGNED): only new tasks are imported; units report progress in the app.',
    width: 10,
  },
  {
    field: 'taskId',
    zh: '任务ID',
    en: 'task id',
    required: false,
    aliases: ['任务id', 'taskid', 'task id', 'uuid'],
    help: 'Optional, as the export writes it: a row whose task exists already is skipped.',
    width: 38,
  },
];

/** Header text as compared: NFKC (full-width letters and brackets become ASCII), lower case. */
const normalise = (text: string): string => text.normalize('NFKC').trim().toLowerCase();

/**
 * The field a header names: the whole header, or any of its parts ("任务 / title",
 * "截止日期(deadline)", "任务名称*"), matched against the aliases.
 */
export function fieldOfHeader(header: string): PlanField | null {
  const text = normalise(header).replace(/[*＊]/g, '');
  if (text === '') return null;
  const parts = [text, ...text.split(/[\s/|()[\]【】_-]+/).filter(Boolean)];
  for (const part of parts) {
    const column = PLAN_COLUMNS.find((c) => c.aliases.includes(part.replace(/\s+/g, '')));
    if (column) return column.field;
  }
  return null;
}

export const columnOf = (field: PlanField): PlanColumn => {
  const column = PLAN_COLUMNS.find((c) => c.field === field);
  if (!column) throw new Error(`no column ${field}`);
  return column;
};
