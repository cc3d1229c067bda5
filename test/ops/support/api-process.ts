import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

export interface ApiProcess {
  readonly child: ChildProcess;
  readonly graphqlUrl: string;
  /** Every JSON log line so far, parsed (other output is kept as { raw }). */
  lines(): Array<Record<string, unknown>>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
  signal(name: NodeJS.Signals): number;
}

/** `npm start` as a child process: resolves once it logs "GraphQL API ready at …". */
export async function startApiProcess(env: Record<string, string>, timeoutMs = 60_000): Promise<ApiProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'test/ops/support/run-api.cjs')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'info', REMINDERS_ENABLED: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  let signalledAt = 0;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>((done) =>
    child.once('exit', (code, signal) =>
      done({ code, signal, ms: signalledAt ? Date.now() - signalledAt : 0 }),
    ),
  );
  const lines = () =>
    output
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        try {
          return JSON.parse(line) as Record<string, unknown>;
        } catch {
          return { raw: line };
        }
      });
  const graphqlUrl = await new Promise<string>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`the API did not start:\n${output}`)), timeoutMs);
    const poll = setInterval(() => {
      const match = /GraphQL API ready at (\S+)/.exec(output);
      if (match) {
        clearInterval(poll);
        clearTimeout(timer);
        ready(match[1]);
      }
    }, 50);
    void exited.then(() => {
      clearInterval(poll);
      clearTimeout(timer);
      fail(new Error(`the API exited before it was ready:\n${output}`));
    });
  });
  return {
    child,
    graphqlUrl,
    lines,
    exited,
    signal: (name) => {
      signalledAt = Date.now();
      child.kill(name);
      return signalledAt;
    },
  };
}
