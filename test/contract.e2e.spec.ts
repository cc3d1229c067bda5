import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TestApp } from './support/harness.js';

const checker = resolve(process.cwd(), '../shared/contract/check-schema.cjs');
const haveContract = existsSync(checker);
if (!haveContract) console.log('skipped: no ../shared');

(haveContract ? describe : describe.skip)('the public contract', () => {
  let app: TestApp;
  let schemaFile: string;

  beforeAll(async () => {
    const dataDir = TestApp.tempDir();
    schemaFile = join(dataDir, 'schema.graphql');
    app = await TestApp.start({ dataDir, schemaFile });
  });

  afterAll(() => app.stop());

  it('the server prints its SDL at startup', () => {
    expect(readFileSync(schemaFile, 'utf8')).toContain('type Query');
  });

  it('the printed schema has every type, field, argument and enum value of ../shared/contract', () => {
    let output: string;
    try {
      output = execFileSync(process.execPath, [checker, schemaFile], { encoding: 'utf8' });
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: string; stderr?: string };
      throw new Error(`the schema differs from the contract:\n${stdout ?? ''}${stderr ?? ''}`);
    }
    expect(output).toContain('contract: schema matches');
  });
});
