/**
 * `chessboard report --year 2023 --out report.md [--out report.xlsx] [--locale en]
 * [--bundle FILE]`: the annual report of the counterpart-assistance work, in Chinese by
 * default, from the configured event store — or, with --bundle, offline from an audit
 * export (verified first), which gives the same figures.
 */
import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { Command } from 'commander';
import { subcommand } from '../shared/cli.js';
import { checkTimeZone, DEFAULT_TIME_ZONE, UsageError } from '../shared/instants.js';
import { withEventStore } from '../shared/storage.js';
import { reportFromBundle, reportFromStore, type BuiltReport } from './build-report.js';
import { renderMarkdown } from './render-markdown.js';
import { buildWorkbook } from './render-xlsx.js';
import type { Locale } from './report-text.js';

interface ReportArgs {
  year: string;
  out: string[];
  locale: string;
  bundle?: string;
  timezone: string;
}

export const reportCommand = (): Command =>
  subcommand(
    new Command('report')
      .description('Write the annual report (Markdown and/or Excel).')
      .requiredOption('--year <year>', 'calendar year, e.g. 2023')
      .requiredOption('--out <file...>', 'report.md and/or report.xlsx')
      .option('--locale <zh|en>', 'language of the report', 'zh')
      .option('--bundle <file>', 'compute from this audit export instead of the event store (offline)')
      .option('--timezone <zone>', 'the year and the dates are in this time zone', DEFAULT_TIME_ZONE),
    'report',
    report,
  );

async function report(command: Command): Promise<void> {
  const args = command.opts<ReportArgs>();
  const year = Number(args.year);
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw new UsageError('--year: a year from 2000 to 2100');
  if (args.locale !== 'zh' && args.locale !== 'en') throw new UsageError('--locale: zh or en');
  const locale: Locale = args.locale;
  const timeZone = checkTimeZone(args.timezone);
  for (const out of args.out) {
    if (!['.md', '.xlsx'].includes(extname(out).toLowerCase())) {
      throw new UsageError(`--out ${out}: the file must end in .md or .xlsx`);
    }
  }

  let built: BuiltReport;
  let source: string;
  if (args.bundle !== undefined) {
    built = await reportFromBundle(args.bundle, year, timeZone);
    source = `audit bundle ${args.bundle} (verified)`;
  } else {
    [built, source] = await withEventStore(async (store, where) => [
      await reportFromStore(store, year, timeZone),
      where,
    ]);
  }

  for (const out of args.out) {
    if (extname(out).toLowerCase() === '.xlsx') {
      await buildWorkbook(built.report, built.provenance, locale).xlsx.writeFile(out);
    } else {
      await writeFile(out, renderMarkdown(built.report, built.provenance, locale), 'utf8');
    }
  }
  const { totals } = built.report;
  console.log(
    `report ${year}: ${totals.tasks} tasks, ${totals.completed} completed (${totals.completedOnTime} on time), ` +
      `${totals.overdue} overdue, from ${source} → ${args.out.join(', ')}`,
  );
  console.log(`report ${year}: audit digest as of ${built.provenance.asOf}: ${built.provenance.digest}`);
}
