import { localDateTime as wallClockTime } from '#domain';
import type { AnnualReport, MetricTotalRow, ReportTask } from '#projections';
import { REPORT_TEXT, type Locale, type ReportText } from './report-text.js';

/** Where the figures come from: the audit digest of the log they were computed from. */
export interface Provenance {
  readonly digest: string;
  readonly asOf: string;
}

const DAY = 86_400_000;

export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en-GB', { maximumFractionDigits: 2 }).format(
    value,
  );
}

/** `2023-06-30T16:00:00Z` → `2023-07-01 00:00` in the report's time zone. */
export function localDateTime(iso: string | null, timeZone: string): string {
  return iso === null ? '—' : wallClockTime(iso, timeZone);
}

export function localDay(iso: string, timeZone: string): string {
  return localDateTime(iso, timeZone).slice(0, 10);
}

/** achieved / target as a percentage, one decimal; empty when there is no target. */
export function rate(achieved: number, target: number): string {
  return target > 0 ? `${((achieved * 100) / target).toFixed(1)}%` : '—';
}

/** Whole days between the deadline and the completion (0 when completed on or before it). */
export function daysLate(task: Pick<ReportTask, 'deadline' | 'completedAt'>): number {
  if (task.completedAt === null) return 0;
  return Math.max(0, Math.ceil((Date.parse(task.completedAt) - Date.parse(task.deadline)) / DAY));
}

const cell = (value: string) => value.replaceAll('|', '\\|').replaceAll('\n', ' ');
const table = (header: readonly string[], rows: readonly (readonly string[])[]): string[] => [
  `| ${header.map(cell).join(' | ')} |`,
  `| ${header.map(() => '---').join(' | ')} |`,
  ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
];

function metricLabel(row: Pick<MetricTotalRow, 'label' | 'unit'>, locale: Locale): string {
  if (row.unit === null) return row.label;
  return locale === 'zh' ? `${row.label}（${row.unit}）` : `${row.label} (${row.unit})`;
}

/**
 * The annual report in Markdown, laid out like the school's own 2023 work
 * report: an overview, one section per programme
 * (partners, targets against achievements, the tasks), the unit ranking, the tasks
 * completed late, and how to verify every figure.
 */
export function renderMarkdown(report: AnnualReport, provenance: Provenance, locale: Locale = 'zh'): string {
  const t: ReportText = REPORT_TEXT[locale];
  const tz = report.timeZone;
  const n = (value: number) => formatNumber(value, locale);
  const section = (index: number, title: string) =>
    locale === 'zh' ? `## ${t.numerals(index)}、${title}` : `## ${index}. ${title}`;
  const out: string[] = [];

  out.push(`# ${t.title(report.year)}`, '');
  out.push(
    `> ${t.period(localDay(report.period.from ?? report.period.to, tz), localDay(report.period.to, tz), tz)}`,
  );
  out.push('>', `> ${t.source(report.events, localDateTime(provenance.asOf, tz))}`);
  out.push('>', `> ${t.digest}\`${provenance.digest}\``, '');

  out.push(section(1, t.overview), '');
  out.push(t.summary(report.totals), '');

  out.push(section(2, t.programs), '');
  report.programs.forEach((program, index) => {
    const region = program.region ? (locale === 'zh' ? `（${program.region}）` : ` (${program.region})`) : '';
    out.push(`### ${index + 1}. ${program.name}${region}`, '');
    if (program.partners.length > 0) {
      out.push(
        `${t.partners}${locale === 'zh' ? '：' : ': '}${program.partners.join(locale === 'zh' ? '、' : ', ')}`,
        '',
      );
    }
    out.push(t.sectionCounts(program.counts), '');
    if (program.targets.length > 0) {
      out.push(
        ...table(
          t.targetHeader,
          program.targets.map((row) => [
            metricLabel(row, locale),
            n(row.target),
            n(row.achieved),
            rate(row.achieved, row.target),
          ]),
        ),
        '',
      );
    }
    out.push(
      ...table(
        t.taskHeader,
        program.tasks.map((task) => [
          task.title,
          task.unitName,
          task.partner ?? '—',
          t.status[task.status] + (task.overdue ? t.overdueMark : ''),
          localDateTime(task.deadline, tz),
          localDateTime(task.completedAt, tz),
          `${task.progress}%`,
        ]),
      ),
      '',
    );
  });

  out.push(section(3, t.ranking), '');
  out.push(
    ...table(
      t.rankingHeader,
      report.ranking.map((row, index) => [
        String(index + 1),
        row.unitName,
        String(row.total),
        String(row.completed),
        String(row.completedOnTime),
        String(row.overdue),
        String(row.wasOverdue),
        `${(row.onTimeRate * 100).toFixed(1)}%`,
      ]),
    ),
    '',
  );

  out.push(section(4, t.late), '');
  if (report.completedLate.length === 0) out.push(t.none, '');
  else {
    const programName = new Map(report.programs.flatMap((p) => p.tasks.map((task) => [task.id, p.name])));
    out.push(
      ...table(
        t.lateHeader,
        report.completedLate.map((task) => [
          task.title,
          programName.get(task.id) ?? '—',
          task.unitName,
          localDateTime(task.deadline, tz),
          localDateTime(task.completedAt, tz),
          String(daysLate(task)),
        ]),
      ),
      '',
    );
  }

  out.push(section(5, t.verification), '');
  out.push(...t.verifyHow(report.year, provenance.digest), '');
  return out.join('\n');
}
