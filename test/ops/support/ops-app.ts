import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createApp, type RunningApp } from '../../../apps/api/src/app.js';
import { signToken } from '../../../apps/api/src/auth/jwt.js';
import { loadConfig, type AppConfig } from '../../../apps/api/src/config/app-config.js';

export interface Caller {
  readonly id: string;
  readonly role: 'office' | 'unit_manager' | 'auditor' | 'worker';
  readonly unit?: string;
  readonly name?: string;
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  readonly status: number;
  readonly headers: Headers;
  readonly data?: T | null;
  readonly errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/**
 * The real app on a random port with its JSON log captured line by line (the tests of
 * request ids and metrics read them), and plain fetch for GraphQL so headers are visible.
 */
export class OpsApp {
  readonly logLines: string[] = [];

  private constructor(
    readonly running: RunningApp,
    readonly config: AppConfig,
    lines: string[],
  ) {
    this.logLines = lines;
  }

  static async start(
    options: { env?: NodeJS.ProcessEnv; level?: 'info' | 'debug'; dataDir?: string } = {},
  ): Promise<OpsApp> {
    const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'chessboard-ops-'));
    const config = { ...loadConfig({ ...options.env, DATA_DIR: dataDir, PORT: '0' }), schemaFile: null };
    const lines: string[] = [];
    let partial = '';
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        const text = partial + chunk.toString('utf8');
        const parts = text.split('\n');
        partial = parts.pop() ?? '';
        lines.push(...parts.filter((line) => line.length > 0));
        done();
      },
    });
    const running = await createApp(config, {
      logger: options.level === 'debug' ? ['debug', 'log', 'warn', 'error'] : ['log', 'warn', 'error'],
      logDestination: destination,
    });
    return new OpsApp(running, config, lines);
  }

  get dataDir(): string {
    return this.config.dataDir;
  }

  /** The captured log, parsed. */
  get log(): Array<Record<string, unknown>> {
    return this.logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  token(caller: Caller): Promise<string> {
    return signToken(
      { sub: caller.id, role: caller.role, unit: caller.unit, name: caller.name, ttl: '1h' },
      this.config.jwtSecret,
    );
  }

  async graphql<T = Record<string, unknown>>(
    caller: Caller | null,
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ): Promise<GraphQLResponse<T>> {
    const authorization: Record<string, string> = caller
      ? { authorization: `Bearer ${await this.token(caller)}` }
      : {};
    const response = await fetch(this.running.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authorization, ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status' | 'headers'>;
    return { status: response.status, headers: response.headers, ...body };
  }

  async ok<T = Record<string, unknown>>(
    caller: Caller,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<T> {
    const result = await this.graphql<T>(caller, query, variables);
    if (result.errors?.length) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
    return result.data as T;
  }

  async get(path: string): Promise<{ status: number; headers: Headers; text: string }> {
    const response = await fetch(`${this.running.url}${path}`);
    return { status: response.status, headers: response.headers, text: await response.text() };
  }

  async stop(): Promise<void> {
    await this.running.close();
    rmSync(this.config.dataDir, { recursive: true, force: true });
  }
}

export const OFFICE: Caller = { id: 'office-1', role: 'office', name: '对口支援办公室' };
export const MANAGER: Caller = { id: 'mgr-management', role: 'unit_manager', unit: 'management' };

export const REGISTER_UNIT = `mutation RegisterUnit($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`;
export const REGISTER_PROGRAM = `mutation RegisterProgram($input: RegisterProgramInput!) { registerProgram(input: $input) { id } }`;
export const ASSIGN = `mutation AssignTask($input: AssignTaskInput!) { assignTask(input: $input) { position task { id status revision } } }`;
export const ACKNOWLEDGE = `mutation AcknowledgeTask($input: AcknowledgeTaskInput!) { acknowledgeTask(input: $input) { position task { id status revision } } }`;

/** A unit, a programme and one task, through the API. */
export async function seedTask(app: OpsApp, deadline = '2031-06-30T16:00:00Z'): Promise<string> {
  await app.ok(OFFICE, REGISTER_UNIT, { input: { id: 'management', name: '管理学院' } });
  await app.ok(OFFICE, REGISTER_PROGRAM, { input: { id: 'tibet', name: '援藏', region: '西藏林芝' } });
  const { assignTask } = await app.ok<{ assignTask: { task: { id: string } } }>(OFFICE, ASSIGN, {
    input: {
      title: '组织林芝市职业技术学校管理干部培训',
      programId: 'tibet',
      unitId: 'management',
      deadline,
      targets: [{ key: 'trainees', label: '培训人数', target: 92, unit: '人' }],
    },
  });
  return assignTask.task.id;
}

/** `name{a="b",c="d"} 3` → 3, from Prometheus text; 0 when the series is absent. */
export function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = match[3] ? match[3].split(/,(?=[a-zA-Z_]+=")/) : [];
    if (wanted.every((pair) => present.includes(pair))) return Number(match[4]);
  }
  return 0;
}
