import 'reflect-metadata';
import type { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import { AppModule } from './app.module.js';
import type { ReminderConfig } from '../../worker/src/index.js';
import type { AppConfig } from './config/app-config.js';
import { serveWeb } from './web/serve-web.js';

export interface CreateAppOptions {
  /** Close on SIGTERM/SIGINT (the server does; tests that start many apps do not). */
  readonly shutdownHooks?: boolean;
  /** Nest log levels; false silences it (tests). */
  readonly logger?: LogLevel[] | false;
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
}

/**
 * Boots the whole API on config.port (0: any free port): opens the event store and read
 * model, catches the projector up, serves GraphQL over HTTP and graphql-ws.
 */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<RunningApp> {
  const app = await NestFactory.create(
    AppModule.forRoot(config, {
      reminders: options.reminders ?? null,
      runsProjector: options.runsProjector ?? true,
    }),
    {
      logger: options.logger ?? ['log', 'warn', 'error'],
      abortOnError: false,
    },
  );
  if (options.shutdownHooks) app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  serveWeb(app); // the board (web/dist) at `/`; /graphql, /health, /metrics stay the API's
  await app.listen(config.port);
  const { port } = app.getHttpServer().address() as AddressInfo;
  const url = `http://localhost:${port}`;
  return {
    app,
    url,
    graphqlUrl: `${url}/graphql`,
    wsUrl: `ws://localhost:${port}/graphql`,
    port,
    close: () => app.close(),
  };
}
