import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One line of the results: ours next to a baseline measured in the same run. */
export interface Row {
  readonly section: string;
  readonly name: string;
  readonly unit: string;
  /** Median over repetitions; null when it could not be measured (see note). */
  readonly ours: number | null;
  readonly baselineName: string;
  readonly baseline: number | null;
  /** ours / baseline. */
  readonly ratio: number | null;
  /** The target for this row, in words, and whether the median meets it. */
  readonly target?: string;
  readonly pass?: boolean | null;
  /** Per-repetition values and secondary figures (p50, p99, errors…). */
  readonly detail?: Record<string, unknown>;
  readonly note?: string;
}

export function row(fields: Omit<Row, 'ratio'> & { ratio?: number | null }): Row {
  const ratio =
    fields.ratio !== undefined
      ? fields.ratio
      : fields.ours !== null && fields.baseline !== null && fields.baseline !== 0
        ? fields.ours / fields.baseline
        : null;
  // A target is not met by a figure that was not measured.
  const measured = fields.ours !== null && Number.isFinite(fields.ours);
  const pass = fields.target !== undefined && !measured ? false : fields.pass;
  return { ...fields, ratio, pass };
}

export function fmt(value: number | null | undefined, unit = ''): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  const abs = Math.abs(value);
  const digits = abs >= 1000 ? 0 : abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  const text = value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  return unit ? `${text} ${unit}` : text;
}

const ratioText = (r: number | null) => (r === null || Number.isNaN(r) ? '—' : `${r.toFixed(2)}×`);
const passText = (p: boolean | null | undefined) => (p === true ? 'yes' : p === false ? 'NO' : '');

const COLUMNS = ['measure', 'ours', 'baseline', 'ratio', 'target', 'holds'] as const;

function cells(r: Row): string[] {
  const baseline = r.baseline === null ? r.baselineName : `${fmt(r.baseline, r.unit)} (${r.baselineName})`;
  return [
    r.name,
    r.ours === null ? (r.note ?? '—') : fmt(r.ours, r.unit),
    baseline,
    ratioText(r.ratio),
    r.target ?? '',
    passText(r.pass),
  ];
}

export function textTable(rows: readonly Row[]): string {
  const body = rows.map(cells);
  const widths = COLUMNS.map((c, i) => Math.max(c.length, ...body.map((b) => width(b[i]))));
  const line = (values: readonly string[]) =>
    values.map((v, i) => v + ' '.repeat(Math.max(0, widths[i] - width(v)))).join(' │ ');
  return [line(COLUMNS), widths.map((w) => '─'.repeat(w)).join('─┼─'), ...body.map(line)].join('\n');
}

/** Display width: CJK characters take two columns in a terminal. */
function width(text: string): number {
  let w = 0;
  for (const ch of text)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/.test(ch) ? 2 : 1;
  return w;
}

export function markdownTable(rows: readonly Row[]): string {
  const escape = (s: string) => s.replace(/\|/g, '\\|');
  return [
    `| ${COLUMNS.join(' | ')} |`,
    `| ${COLUMNS.map((_, i) => (i === 0 || i >= 4 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((r) => `| ${cells(r).map(escape).join(' | ')} |`),
  ].join('\n');
}

export interface RunInfo {
  readonly startedAt: string;
  readonly command: string;
  readonly options: Record<string, unknown>;
  readonly machine: Record<string, unknown>;
  readonly workload: Record<string, unknown>;
  readonly durationS: number;
  readonly notes: readonly string[];
}

export function writeResults(dir: string, info: RunInfo, rows: readonly Row[]): { json: string; md: string } {
  mkdirSync(dir, { recursive: true });
  const stamp = info.startedAt.replace(/:/g, '-').replace(/\..*$/, '');
  const json = join(dir, `${stamp}.json`);
  const md = join(dir, `${stamp}.md`);
  writeFileSync(json, `${JSON.stringify({ ...info, rows }, null, 2)}\n`);
  const notes = info.notes.map((n) => `- ${n}`).join('\n');
  writeFileSync(
    md,
    [
      `# Benchmark ${info.startedAt}`,
      '',
      `\`${info.command}\` — ${info.durationS.toFixed(0)} s; ${describe(info.workload)}; ${describe(info.machine)}.`,
      'Every figure is the median of the repetitions; the baseline was measured in the same run, ' +
        'alternating with ours; ratio = ours / baseline.',
      '',
      markdownTable(rows),
      '',
      ...(notes ? ['## Notes', '', notes, ''] : []),
    ].join('\n'),
  );
  return { json, md };
}

const describe = (o: Record<string, unknown>) =>
  Object.entries(o)
    .map(([k, v]) => `${k} ${String(v)}`)
    .join(', ');
