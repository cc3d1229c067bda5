import type { EventStore } from '#event-store';
import { Projector } from '#projections';
import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { ConfigError } from '../config/app-config.js';
import { EVENT_STORE } from '../infrastructure/tokens.js';
import { currentRequestId } from '../logging/request-id.js';

export interface ShutdownConfig {
  /** SHUTDOWN_DELAY: keep serving (readiness already 503) this long, for load balancers to notice. */
  readonly delayMs: number;
  /** SHUTDOWN_TIMEOUT: the whole shutdown takes at most this long; then the process exits 1. */
  readonly timeoutMs: number;
}

const DEFAULTS: ShutdownConfig = { delayMs: 0, timeoutMs: 20_000 };

/** SHUTDOWN_DELAY (default 0) and SHUTDOWN_TIMEOUT (default 20000), in milliseconds. */
export function shutdownConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ShutdownConfig {
  const read = (name: string, fallback: number, max: number): number => {
    const text = env[name]?.trim();
    if (!text) return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < 0 || value > max) {
      throw new ConfigError(`${name}: must be milliseconds from 0 to ${max} (got ${JSON.stringify(text)})`);
    }
    return value;
  };
  return {
    delayMs: read('SHUTDOWN_DELAY', DEFAULTS.delayMs, 300_000),
    timeoutMs: read('SHUTDOWN_TIMEOUT', DEFAULTS.timeoutMs, 600_000),
  };
}

/** What the shutdown waits for after HTTP has drained: the projector reaching the log's head. */
export interface ProjectionFlush {
  /** Resolves true when the read model has applied everything written so far, false on timeout. */
  (timeoutMs: number): Promise<boolean>;
}

type Next = (error?: unknown) => void;

/**
 * SIGTERM without a dropped request or a lost event:
 * 1. draining: /health/ready answers 503 at once; other requests are still served (with
 *    `Connection: close`, so clients stop reusing sockets) for SHUTDOWN_DELAY, after which
 *    new requests get 503 SERVICE_UNAVAILABLE with Retry-After — an answer, never a reset;
 * 2. the requests in flight finish (their writes, and their wait for the projector);
 * 3. the listener closes; keep-alive sockets close once idle;
 * 4. the projector applies whatever was written, so its checkpoint is at the head;
 * 5. Nest closes the rest (GraphQL, reminders finishing their jobs, the projector, the
 *    databases) and the process exits 0 — or 1 if it all took longer than SHUTDOWN_TIMEOUT.
 */
export class GracefulShutdown {
  // Every time here (drainingSince, lastActivity, deadlines) measures intervals of this process,
  // never an instant a request answers with, so it reads the wall clock, not the injected one.
  private draining = false;
  private drainingSince = 0;
  private readonly inFlight = new Set<ServerResponse>();
  private lastActivity = 0;
  private readonly idle = new Set<() => void>();
  private running: Promise<void> | null = null;

  constructor(
    private readonly config: ShutdownConfig,
    private readonly logger: Logger,
  ) {}

  get isDraining(): boolean {
    return this.draining;
  }

  /** Express middleware: counts requests in flight and turns new ones away once draining. */
  readonly middleware = (req: IncomingMessage, res: ServerResponse, next: Next): void => {
    if (this.draining) {
      res.setHeader('Connection', 'close');
      const path = (req.url ?? '').split('?')[0];
      if (path === '/health/ready' || Date.now() - this.drainingSince >= this.config.delayMs) {
        this.lastActivity = Date.now();
        this.refuse(res, path);
        return;
      }
    }
    this.lastActivity = Date.now();
    this.inFlight.add(res);
    const finished = () => {
      if (!this.inFlight.delete(res)) return;
      this.lastActivity = Date.now();
      if (this.inFlight.size === 0) for (const resolve of this.idle) resolve();
    };
    res.once('finish', finished);
    res.once('close', finished);
    next();
  };

  /** Runs the shutdown once (a second signal waits for the first). */
  run(app: INestApplication, flush: ProjectionFlush | null): Promise<void> {
    this.running ??= this.shutdown(app, flush);
    return this.running;
  }

  /** SIGTERM and SIGINT run the shutdown, then exit 0; past SHUTDOWN_TIMEOUT, exit 1. */
  installSignalHandlers(app: INestApplication, flush: ProjectionFlush | null): void {
    const onSignal = (signal: NodeJS.Signals) => {
      this.logger.info({ signal, ...this.config }, 'shutting down: draining requests');
      const timer = setTimeout(() => {
        this.logger.error(
          { timeoutMs: this.config.timeoutMs, inFlight: this.inFlight },
          'shutdown timed out; exiting',
        );
        process.exit(1);
      }, this.config.timeoutMs);
      timer.unref();
      this.run(app, flush).then(
        () => {
          this.logger.info({}, 'shut down cleanly');
          process.exit(0);
        },
        (error: unknown) => {
          this.logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  }

  private async shutdown(app: INestApplication, flush: ProjectionFlush | null): Promise<void> {
    const started = Date.now();
    const left = () => Math.max(0, this.config.timeoutMs - (Date.now() - started));
    this.draining = true;
    this.drainingSince = started;
    // Responses still to come close their connection too: no client reuses a socket we are about to close.
    for (const res of this.inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
    const server = app.getHttpServer() as Server;
    server.on('connection', () => (this.lastActivity = Date.now()));
    if (this.config.delayMs > 0) await sleep(Math.min(this.config.delayMs, left()));
    await this.whenQuiet(started, left);
    // Stop listening and close sockets that are idle now; busy ones close after their response.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    const forced = setTimeout(() => server.closeAllConnections(), Math.min(2000, left()));
    await closed;
    clearTimeout(forced);
    this.logger.info({ ms: Date.now() - started }, 'HTTP drained');
    if (flush) {
      const caughtUp = await flush(Math.min(5000, left()));
      this.logger.info(
        { caughtUp },
        caughtUp ? 'projector caught up with the log' : 'projector did not catch up in time',
      );
    }
    await app.close();
  }

  /**
   * Closing a listener resets the connections still in its accept queue, and closing an
   * idle keep-alive socket races a request the client is sending on it. So the listener
   * closes once nothing is in flight and no connection or request has come for QUIET_MS —
   * clients have had their 503 or `Connection: close` — or after MAX_QUIET_WAIT_MS at most.
   */
  private async whenQuiet(started: number, left: () => number): Promise<void> {
    const deadline = Math.min(Date.now() + left(), started + this.config.delayMs + MAX_QUIET_WAIT_MS);
    for (;;) {
      await this.whenIdle(Math.max(0, deadline - Date.now()));
      const quietFor = Date.now() - this.lastActivity;
      if (Date.now() >= deadline || (this.inFlight.size === 0 && quietFor >= QUIET_MS)) return;
      await sleep(Math.min(QUIET_MS - Math.min(quietFor, QUIET_MS) + 5, Math.max(0, deadline - Date.now())));
    }
  }

  private whenIdle(timeoutMs: number): Promise<void> {
    if (this.inFlight.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.idle.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.idle.add(done);
    });
  }

  private refuse(res: ServerResponse, path: string): void {
    res.statusCode = 503;
    res.setHeader('Retry-After', '1');
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    const body =
      path === '/graphql'
        ? {
            errors: [
              {
                message: 'the server is shutting down; nothing was written, retry in a moment',
                extensions: { code: 'SERVICE_UNAVAILABLE', requestId: currentRequestId() },
              },
            ],
          }
        : { status: 'shutting_down' };
    res.end(JSON.stringify(body));
  }
}

/** How long no new connection or request must arrive before the listener closes. */
const QUIET_MS = 250;
/** …waited for at most this long (after SHUTDOWN_DELAY): clients that ignore 503 cannot hold the shutdown. */
const MAX_QUIET_WAIT_MS = 5000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The projector of this app reaching the head of the log (when this process runs it). */
export function projectionFlush(app: INestApplication): ProjectionFlush {
  return async (timeoutMs) => {
    try {
      const store = app.get<EventStore>(EVENT_STORE);
      const head = await store.headPosition();
      return head === 0n || (await app.get(Projector).waitForPosition(head, timeoutMs));
    } catch {
      return false; // the store is unreachable: nothing more can be projected anyway
    }
  };
}
