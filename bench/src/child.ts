import { fork, type ChildProcess } from 'node:child_process';
import { dirname, extname, join } from 'node:path';

/**
 * The benchmark's own processes (the API under test, the bare baseline server, the load
 * generator) are siblings of the running entry point: compiled `.js` under `npm run bench`,
 * `.ts` through the repository's launcher (test/support/run-ts.cjs) in the smoke test.
 */
export function forkSibling(
  name: string,
  env: NodeJS.ProcessEnv = {},
  args: string[] = [],
  execArgv: string[] = process.execArgv,
): BenchChild {
  const entry = process.argv[1];
  const ts = extname(entry) === '.ts';
  const dir = dirname(entry);
  const script = join(dir, `${name}${ts ? '.ts' : '.js'}`);
  const child = ts
    ? fork(join(dir, '../../test/support/run-ts.cjs'), [script, ...args], {
        env: { ...process.env, ...env },
        stdio: 'pipe',
        execArgv,
      })
    : fork(script, args, { env: { ...process.env, ...env }, stdio: 'pipe', execArgv });
  return new BenchChild(name, child);
}

type Reply = { id: number; error?: string } & Record<string, unknown>;

/** A child process spoken to over IPC: each request gets the reply with its id. */
export class BenchChild {
  #next = 1;
  readonly #pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  readonly #output: string[] = [];
  readonly exited: Promise<number | null>;
  readonly #ready: Promise<void>;

  constructor(
    readonly name: string,
    readonly proc: ChildProcess,
  ) {
    const keep = (chunk: Buffer) => {
      this.#output.push(chunk.toString('utf8'));
      if (this.#output.length > 200) this.#output.shift();
    };
    proc.stdout?.on('data', keep);
    proc.stderr?.on('data', keep);
    let markReady: () => void = () => undefined;
    this.#ready = new Promise((resolve) => (markReady = resolve));
    proc.on('message', (message: Reply) => {
      if (message.ready) markReady();
      const waiter = this.#pending.get(message.id);
      if (!waiter) return;
      this.#pending.delete(message.id);
      if (message.error) waiter.reject(new Error(`${name}: ${message.error}`));
      else waiter.resolve(message);
    });
    this.exited = new Promise((resolve) =>
      proc.once('exit', (code) => {
        for (const waiter of this.#pending.values()) {
          waiter.reject(new Error(`${name} exited (${code}) before answering:\n${this.output()}`));
        }
        this.#pending.clear();
        resolve(code);
      }),
    );
  }

  /** Resolves when the child has said it is ready (a message with `ready: true`), whenever that came. */
  ready(timeoutMs = 300_000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${this.name} not ready in ${timeoutMs} ms:\n${this.output()}`)),
        timeoutMs,
      );
    });
    const exited = this.exited.then((code) => {
      throw new Error(`${this.name} exited (${code}) before it was ready:\n${this.output()}`);
    });
    exited.catch(() => undefined);
    return Promise.race([this.#ready, timeout, exited]).finally(() => clearTimeout(timer));
  }

  output(): string {
    return this.#output.join('').slice(-4000);
  }

  request<T = Record<string, unknown>>(message: Record<string, unknown>, timeoutMs = 600_000): Promise<T> {
    const id = this.#next++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error(`${this.name}: no answer to ${String(message.type)} in ${timeoutMs} ms`));
      }, timeoutMs);
      this.#pending.set(id, {
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.proc.send({ ...message, id });
    });
  }

  /** Asks it to stop; kills it if it has not after `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    this.request({ type: 'stop' }, graceMs).catch(() => undefined);
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

/** The child side: answers requests with the handler's result (or its error). */
export function serve(
  handlers: Record<string, (message: Record<string, unknown>) => Promise<unknown>>,
): void {
  process.on('message', (message: { id: number; type: string } & Record<string, unknown>) => {
    const handler = handlers[message.type];
    const reply = (body: Record<string, unknown>) => process.send?.({ ...body, id: message.id });
    if (!handler) {
      reply({ error: `unknown request ${message.type}` });
      return;
    }
    handler(message).then(
      (result) => reply({ ...(result as Record<string, unknown>) }),
      (error: unknown) =>
        reply({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
  });
  process.on('disconnect', () => process.exit(0));
}
