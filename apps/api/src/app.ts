import 'reflect-metadata';
import type { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import type { DestinationStream, Logger as PinoLogger } from 'pino';
import { AppModule } from './app.module.js';
import type { ReminderConfig } from '#reminders';
import type { AppConfig } from './config/app-config.js';
import { serveWeb } from './web/serve-web.js';
import { httpLogging } from './logging/http-logging.js';
import { createRootLogger, logLevelFromEnv } from './logging/logger.js';
import { PinoNestLogger, pinoLevelFor } from './logging/pino-nest-logger.js';
import { requestIdMiddleware } from './logging/request-id.js';
import { graphqlMetricsMiddleware } from './metrics/graphql-metrics.js';
import { graphiqlEnabled, graphiqlMiddleware } from './graphiql/graphiql.js';
import { hardenHttp } from './security/http-hardening.js';
import {
  GracefulShutdown,
  projectionFlush,
  shutdownConfigFromEnv,
  type ShutdownConfig,
} from './lifecycle/graceful-shutdown.js';

export interface CreateAppOptions {
  /** Shut down gracefully on SIGTERM/SIGINT, then exit (the server does; tests that start many apps do not). */
  readonly shutdownHooks?: boolean;
  /** Drain delay and bound of a graceful shutdown; default SHUTDOWN_DELAY and SHUTDOWN_TIMEOUT. */
  readonly shutdown?: ShutdownConfig;
  /** Log threshold as Nest levels (['error'] logs errors only); false silences it (tests). Default LOG_LEVEL. */
  readonly logger?: LogLevel[] | false;
  /** The JSON logger (pino) to write to; default one on stdout at the level above. */
  readonly pino?: PinoLogger;
  /** Where the default logger writes its JSON lines (tests read them back); default stdout. */
  readonly logDestination?: DestinationStream;
  /** Run the reminder sweep in this process with this configuration (npm start); default: none. */
  readonly reminders?: ReminderConfig | null;
  /** False: API only (`npm run start:api`), a worker process projects. Default true. */
  readonly runsProjector?: boolean;
}

export interface RunningApp {
  readonly app: INestApplication;
  /** Base URL, e.g. http://localhost:3000 */
  readonly url: string;
  /** The GraphQL endpoint (HTTP); the same path serves graphql-ws. */
  readonly graphqlUrl: string;
  readonly wsUrl: string;
  readonly port: number;
  close(): Promise<void>;
  /** What SIGTERM does: drain HTTP, let the projector reach the head, then close (without exiting). */
  shutdown(): Promise<void>;
}

/**
 * Boots the whole API on config.port (0: any free port): opens the event store and read
 * model, catches the projector up, serves GraphQL over HTTP and graphql-ws.
 */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<RunningApp> {
  const pino =
    options.pino ??
    createRootLogger({
      level: options.logger === undefined ? logLevelFromEnv() : pinoLevelFor(options.logger),
      destination: options.logDestination,
    });
  const app = await NestFactory.create(
    AppModule.forRoot(config, {
      reminders: options.reminders ?? null,
      runsProjector: options.runsProjector ?? true,
    }),
    {
      logger: new PinoNestLogger(pino),
      abortOnError: false,
    },
  );
  const shutdown = new GracefulShutdown(options.shutdown ?? shutdownConfigFromEnv(), pino);
  const flush = (options.runsProjector ?? true) ? projectionFlush(app) : null;
  // Before everything else: every later middleware, resolver and log line runs in the request's scope.
  app.use(requestIdMiddleware);
  app.use(shutdown.middleware); // counts requests in flight; turns new ones away while draining
  app.use(httpLogging(pino));
  app.use(graphqlMetricsMiddleware());
  hardenHttp(app, config.security.http); // body size limit, no batches (SECURITY.md)
  if (graphiqlEnabled()) app.use(graphiqlMiddleware()); // offline playground, before the board's SPA fallback
  serveWeb(app); // the board (web/dist) at `/`; /graphql, /health, /metrics stay the API's
  await app.listen(config.port);
  if (options.shutdownHooks) shutdown.installSignalHandlers(app, flush);
  const { port } = app.getHttpServer().address() as AddressInfo;
  const url = `http://localhost:${port}`;
  return {
    app,
    url,
    graphqlUrl: `${url}/graphql`,
    wsUrl: `ws://localhost:${port}/graphql`,
    port,
    close: () => app.close(),
    shutdown: () => shutdown.run(app, flush),
  };
}
