import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * The layer rules of eslint.config.js, exercised on probe files that exist only on stdin:
 * if a rule stops matching (a renamed folder, a rewritten pattern), the build would no
 * longer catch a forbidden import, and this says so.
 */
const root = resolve(__dirname, '../..');
const eslint = resolve(root, 'node_modules/eslint/bin/eslint.js');

function lint(file: string, source: string): string[] {
  const run = spawnSync(process.execPath, [eslint, '--format', 'json', '--stdin', '--stdin-filename', file], {
    cwd: root,
    input: source,
    encoding: 'utf8',
  });
  const [report] = JSON.parse(run.stdout) as Array<{ messages: Array<{ ruleId: string | null }> }>;
  return report.messages.map((message) => message.ruleId ?? 'parse-error');
}

const restricted = 'no-restricted-imports';

describe('layer boundaries', () => {
  it.each([
    ['apps/api/src/probe.ts', "import { x } from '../../worker/src/main.js';"],
    ['apps/api/src/tasks/probe.ts', "import { x } from '../../../cli/src/main.js';"],
    ['apps/cli/src/probe.ts', "import { x } from '../../api/src/config/app-config.js';"],
    ['apps/worker/src/probe.ts', "import { x } from '../../api/src/app.js';"],
    ['apps/cli/src/plan/probe.ts', "import { x } from '../../../../apps/worker/src/main.js';"],
  ])('an app importing another app fails the build (%s)', (file, source) => {
    expect(lint(file, `${source}\nexport const y = x;\n`)).toContain(restricted);
  });

  it.each([
    ['libs/projections/src/probe.ts', "import { x } from '../../../apps/api/src/app.js';"],
    ['libs/reminders/src/probe.ts', "import { Injectable as x } from '@nestjs/common';"],
    ['libs/domain/src/probe.ts', "import { x } from '#storage';"],
    ['libs/domain/src/probe.ts', "import { x } from 'node:fs';"],
    ['web/src/probe.ts', "import { x } from '#domain';"],
  ])('a lib or the board reaching outward fails the build (%s)', (file, source) => {
    expect(lint(file, `${source}\nexport const y = x;\n`)).toContain(restricted);
  });

  it.each([
    ['apps/api/src/probe.ts', "import { x } from '#reminders';"],
    ['apps/cli/src/probe.ts', "import { x } from './shared/cli.js';"],
    ['apps/worker/src/probe.ts', "import { x } from '#storage';"],
    ['libs/reminders/src/probe.ts', "import { x } from '#projections';"],
  ])('an app or lib importing a lib or itself passes (%s)', (file, source) => {
    expect(lint(file, `${source}\nexport const y = x;\n`)).not.toContain(restricted);
  });
});
