#!/usr/bin/env node
/**
 * `chessboard <command>`: every command-line tool in one program. The npm scripts
 * (`npm run import -- …`, `npm run audit:export -- …`) call it with the same arguments.
 */
import { Command } from 'commander';
import { auditExportCommand } from './audit/export.command.js';
import { auditVerifyCommand } from './audit/verify.command.js';
import { backupCommand } from './backup.command.js';
import { demoCommand } from './demo.command.js';
import { exportCommand } from './plan/export.command.js';
import { importCommand } from './plan/import.command.js';
import { replayCommand } from './replay.command.js';
import { reportCommand } from './report/report.command.js';
import { parseProgram } from './shared/cli.js';
import { tokenCommand } from './token.command.js';

const program = new Command('chessboard')
  .description('Chessboard on the command line: plans, reports, audit bundles, backups and tokens.')
  .addCommand(importCommand())
  .addCommand(exportCommand())
  .addCommand(reportCommand())
  .addCommand(replayCommand())
  .addCommand(
    new Command('audit')
      .description('Verifiable audit bundles of the event log')
      .exitOverride()
      .addCommand(auditExportCommand())
      .addCommand(auditVerifyCommand()),
  )
  .addCommand(backupCommand())
  .addCommand(demoCommand())
  .addCommand(tokenCommand());

// Not a top-level await: the tests run this file as CommonJS.
parseProgram(program).catch((error: unknown) => {
  console.error(`chessboard failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
