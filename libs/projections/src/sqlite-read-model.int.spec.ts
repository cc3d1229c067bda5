import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeReadModel } from './testing/read-model.suite.js';

const dir = mkdtempSync(join(tmpdir(), 'chessboard-read-model-'));
let files = 0;

describeReadModel({
  label: 'SQLite',
  fresh: async () => ({ kind: 'sqlite', path: join(dir, `read-model-${++files}.db`) }),
  cleanup: async () => rmSync(dir, { recursive: true, force: true }),
});
