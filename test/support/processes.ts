import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { waitUntil } from '../../libs/reminders/testing/wait.js';

const ROOT = resolve(__dirname, '../..');
// A .cjs entry: under "type": "module" node would refuse a .ts entry before any hook runs.
const RUN_WORKER = join(ROOT, 'test/support/run-worker.cjs');

/** A child process whose output the test can wait on and print when something fails. */
export interface Child {
  readonly process: ChildProcess;
  readonly output: string[];
  waitForOutput(text: string, timeoutMs?: number): Promise<void>;
  /** Resolves with the exit code (or the signal) once the process has ended. */
  readonly exited: Promise<number | string>;
  /** SIGKILL unless it has exited already. */
  kill(signal?: NodeJS.Signals): void;
}

function track(child: ChildProcess): Child {
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  const exited = new Promise<number | string>((res) =>
    child.once('exit', (code, signal) => res(code ?? signal ?? -1)),
  );
  return {
    process: child,
    output,
    exited,
    waitForOutput: (text, timeoutMs = 20_000) =>
      waitUntil(`"${text}" from pid ${child.pid}`, () => output.join('').includes(text), timeoutMs).then(
        () => undefined,
      ),
    kill: (signal = 'SIGKILL') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
  };
}

/** `npm run start:worker`, from the TypeScript sources (the same code the build emits). */
export function spawnWorker(env: Record<string, string>): Child {
  return track(
    spawn(process.execPath, [RUN_WORKER], {
      cwd: ROOT,
      // The tests' webhook sinks listen on 127.0.0.1, which the SSRF guard refuses by default.
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'debug', WEBHOOK_ALLOW_PRIVATE: 'true', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}

/** A Redis of the test's own (so stopping it disturbs no other test), without persistence. */
export function spawnRedis(port: number): Child {
  return track(
    spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    ),
  );
}
