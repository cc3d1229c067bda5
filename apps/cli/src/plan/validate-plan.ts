import { createHash } from 'node:crypto';
import {
  initialTaskState,
  LIMITS,
  taskDecider,
  ValidationError,
  validate,
  UUID_PATTERN,
  type Actor,
  type AssignTask,
} from '#domain';
import { columnOf, type PlanField } from './columns.js';
import { parseDeadline } from './dates.js';
import { newEntityId, type Directory } from './directory.js';
import type { CellValue, PlanSheet, SheetRow } from './read-sheet.js';
import { parseTargets } from './targets.js';

/** One thing wrong with one cell (or row); `text` is what the report prints. */
export interface Problem {
  readonly row: number;
  readonly column: string | null;
  readonly reason: string;
  readonly text: string;
}

/** A unit or programme --create-missing registers. */
export interface NewEntry {
  readonly kind: 'unit' | 'program';
  readonly id: string;
  readonly name: string;
}

/** A valid row: the AssignTask it becomes, under a deterministic task id and idempotency key. */
export interface PlannedTask {
  readonly row: number;
  readonly idempotencyKey: string;
  readonly taskId: string;
  readonly data: AssignTask['data'];
  /** Units and programmes this row needs that --create-missing registers first. */
  readonly needs: readonly NewEntry[];
}

export interface PlanCheck {
  readonly rows: number;
  readonly tasks: readonly PlannedTask[];
  readonly problems: readonly Problem[];
  /** Rows with at least one problem. */
  readonly invalidRows: readonly number[];
  readonly toCreate: readonly NewEntry[];
}

export interface CheckOptions {
  readonly timeZone: string;
  readonly createMissing: boolean;
  /** Who the import acts as (an office role: only the office assigns). */
  readonly actor: Actor;
}

const KEY_MAX = 100;
const STATUSES_ACCEPTED = new Set(['', '待签收', 'assigned', '已分配', '新建']);

/**
 * Checks every row before anything is written, collecting every problem of every cell
 * (not only the first), with the header as the file writes it:
 * `row 17, 截止日期: "2023-13-01" is not a date`. The last check is the domain's own
 * decision on the AssignTask the row becomes, so a row that passes cannot fail to write.
 */
export function checkPlan(
  sheet: PlanSheet,
  directories: { units: Directory; programmes: Directory },
  options: CheckOptions,
): PlanCheck {
  const columns = new Map<PlanField, number>([...sheet.fields].map(([index, field]) => [field, index]));
  const header = (field: PlanField): string => {
    const index = columns.get(field);
    return index === undefined ? columnOf(field).zh : sheet.headers[index].trim();
  };
  const problems: Problem[] = [];
  const invalid = new Set<number>();
  const tasks: PlannedTask[] = [];
  const toCreate = new Map<string, NewEntry>();
  const keys = new Map<string, number>();
  let rows = 0;
  const now = new Date().toISOString();

  for (const row of sheet.rows) {
    const cell = (field: PlanField): CellValue => {
      const index = columns.get(field);
      return index === undefined ? null : (row.values[index] ?? null);
    };
    if (isEmpty(row, sheet)) continue;
    rows++;
    const before = problems.length;
    const problem = (field: PlanField | null, reason: string) => {
      const column = field ? header(field) : null;
      problems.push({
        row: row.rowNumber,
        column,
        reason,
        text: `row ${row.rowNumber}${column ? `, ${column}` : ''}: ${reason}`,
      });
    };
    const text = (field: PlanField, required: boolean, max: number): string | null => {
      try {
        const value = textOf(cell(field));
        return required ? validate.requiredText(field, value, max) : validate.optionalText(field, value, max);
      } catch (error) {
        if (error instanceof ValidationError) problem(field, ruleOf(error));
        else throw error;
        return null;
      }
    };

    const resolve = (kind: 'unit' | 'program', field: PlanField, directory: Directory) => {
      const value = text(field, true, LIMITS.name);
      if (value === null) return null;
      const found = directory.lookup(value);
      if ('found' in found) {
        return { id: found.found.id, created: toCreate.get(`${kind}:${found.found.id}`) ?? null };
      }
      const noun = kind === 'unit' ? 'unit' : 'programme';
      if ('ambiguous' in found) {
        const which = found.ambiguous.map((e) => `${e.id} (${e.name})`).join(', ');
        problem(field, `"${value}" names several ${noun}s: ${which}; write the id`);
        return null;
      }
      if (!options.createMissing) {
        problem(field, `no ${noun} "${value}" (by id or name); --create-missing registers it`);
        return null;
      }
      const entry: NewEntry = { kind, id: newEntityId(kind, value), name: value };
      toCreate.set(`${kind}:${entry.id}`, entry);
      directory.add({ id: entry.id, name: entry.name });
      return { id: entry.id, created: entry };
    };

    const title = text('title', true, LIMITS.title);
    const description = text('description', false, LIMITS.description);
    const partner = text('partner', false, LIMITS.partner);
    const assignee = text('assignee', false, LIMITS.assignee);
    const ownKey = text('key', false, KEY_MAX);
    const givenId = textOf(cell('taskId')).trim().toLowerCase();
    if (givenId !== '' && !UUID_PATTERN.test(givenId))
      problem('taskId', `"${givenId}" is not a task id (a UUID)`);
    const programme = resolve('program', 'programme', directories.programmes);
    const unit = resolve('unit', 'unit', directories.units);

    const deadline = parseDeadline(cell('deadline'), options.timeZone);
    if (!deadline.ok) problem('deadline', deadline.reason);
    const targetsText = textOf(cell('targets')).trim();
    const targets = targetsText === '' ? { ok: true as const, targets: [] } : parseTargets(targetsText);
    if (!targets.ok) problem('targets', targets.reason);
    const status = textOf(cell('status')).trim().toLowerCase();
    if (!STATUSES_ACCEPTED.has(status)) {
      problem(
        'status',
        `"${textOf(cell('status')).trim()}": only new tasks (empty or 待签收) are imported; report progress in the app`,
      );
    }

    if (problems.length > before || !title || !programme || !unit || !deadline.ok || !targets.ok) {
      invalid.add(row.rowNumber);
      continue;
    }
    const rowKey = ownKey
      ? `key:${ownKey}`
      : `row:${digest([programme.id, unit.id, partner ?? '', title]).slice(0, 32)}`;
    const earlier = keys.get(rowKey);
    if (earlier !== undefined) {
      if (ownKey) problem('key', `"${ownKey}" is also the 编号 of row ${earlier}`);
      else
        problem(
          null,
          `the same task as row ${earlier} (same 任务, 项目, 责任单位 and 对口单位); give each an 编号 to import both`,
        );
      invalid.add(row.rowNumber);
      continue;
    }
    keys.set(rowKey, row.rowNumber);
    const idempotencyKey = `plan:${rowKey}`;
    const data: AssignTask['data'] = {
      taskId: givenId || taskIdFor(idempotencyKey),
      title,
      description,
      programId: programme.id,
      partner,
      unitId: unit.id,
      assignee,
      deadline: deadline.deadline,
      targets: targets.targets,
    };
    try {
      taskDecider.decide(
        { type: 'AssignTask', data, metadata: { actor: options.actor, now } },
        initialTaskState(),
      );
    } catch (error) {
      if (!(error instanceof Error) || !('code' in error)) throw error;
      const field = error instanceof ValidationError ? fieldOfDomain(error.field) : null;
      problem(field, error instanceof ValidationError ? ruleOf(error) : error.message);
      invalid.add(row.rowNumber);
      continue;
    }
    tasks.push({
      row: row.rowNumber,
      idempotencyKey,
      taskId: data.taskId,
      data,
      needs: [programme.created, unit.created].filter((e): e is NewEntry => e !== null),
    });
  }
  return { rows, tasks, problems, invalidRows: [...invalid], toCreate: [...toCreate.values()] };
}

/**
 * The task id of a row: a UUID (v5 layout) from its idempotency key alone, so the same row
 * lands on the same stream whoever imports it, and a second import finds the first.
 */
export function taskIdFor(idempotencyKey: string): string {
  const bytes = createHash('sha256')
    .update(JSON.stringify(['chessboard-plan-task', idempotencyKey]), 'utf8')
    .digest();
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const digest = (parts: readonly string[]): string =>
  createHash('sha256').update(JSON.stringify(parts), 'utf8').digest('hex');

function isEmpty(row: SheetRow, sheet: PlanSheet): boolean {
  for (const index of sheet.fields.keys()) {
    if (textOf(row.values[index] ?? null).trim() !== '') return false;
  }
  return true;
}

/** Text of a cell: numbers as typed, dates as their calendar day. */
function textOf(value: CellValue): string {
  if (value === null) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

const ruleOf = (error: ValidationError): string => error.message.slice(error.field.length + 2);

/** The plan column a domain field name (`targets[0].label`, `deadline`) belongs to. */
function fieldOfDomain(field: string): PlanField | null {
  const root = field.split(/[[.]/)[0];
  const map: Record<string, PlanField> = {
    title: 'title',
    description: 'description',
    programId: 'programme',
    partner: 'partner',
    unitId: 'unit',
    assignee: 'assignee',
    deadline: 'deadline',
    targets: 'targets',
  };
  return map[root] ?? null;
}
