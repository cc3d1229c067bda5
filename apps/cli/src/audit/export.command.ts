/**
 * `chessboard audit export [--from D] [--to D] [--unit ID] --out FILE`: writes a verifiable
 * audit bundle (JSON Lines: a manifest, then event envelopes exactly as stored) from the
 * configured event store. Dates are days in --timezone (default Asia/Shanghai).
 */
import { Command } from 'commander';
import { subcommand } from '../shared/cli.js';
import { checkTimeZone, DEFAULT_TIME_ZONE, parseBound } from '../shared/instants.js';
import { withEventStore } from '../shared/storage.js';
import { exportAuditBundleToFile } from './export-bundle.js';

interface ExportArgs {
  from?: string;
  to?: string;
  unit?: string;
  out: string;
  timezone: string;
}

export const auditExportCommand = (): Command =>
  subcommand(
    new Command('export')
      .description('Export a verifiable audit bundle of the event log.')
      .option('--from <date>', 'streams with an event on or after this date or instant (default: all)')
      .option('--to <date>', 'history as of the end of this date or this instant (default: now)')
      .option('--unit <id>', "only this unit's tasks, the unit and the tasks' programmes")
      .requiredOption('--out <file>', 'where to write the bundle (JSON Lines)')
      .option('--timezone <zone>', 'time zone of plain dates', DEFAULT_TIME_ZONE),
    'audit:export',
    async (command) => {
      const args = command.opts<ExportArgs>();
      const timeZone = checkTimeZone(args.timezone);
      const from = args.from === undefined ? null : parseBound('--from', args.from, 'start', timeZone);
      const to =
        args.to === undefined ? new Date().toISOString() : parseBound('--to', args.to, 'end', timeZone);

      await withEventStore(async (store, where) => {
        const started = performance.now();
        const { manifest } = await exportAuditBundleToFile(
          store,
          { from, to, unitId: args.unit ?? null },
          args.out,
        );
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        console.log(
          `audit:export: ${manifest.events} events of ${manifest.included.length} streams from ` +
            `${where} → ${args.out} (${seconds}s)`,
        );
        console.log(`audit:export: as of ${manifest.asOf}: digest ${manifest.digest}`);
        console.log(
          `audit:export: (${manifest.heads.length} streams in the digest; the same value as auditDigest(asOf: "${manifest.asOf}"))`,
        );
      });
    },
  );
