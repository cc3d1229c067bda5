import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.js';
import { jwtSecretFile } from './config/app-config.js';
import { configOrExit } from './config/config-or-exit.js';
import { createRootLogger } from './logging/logger.js';
import { PinoNestLogger } from './logging/pino-nest-logger.js';

/**
 * `npm start`: all in one process (GraphQL, projector, reminders). `npm run start:api`
 * (--api-only): GraphQL only, next to `npm run start:worker` processes that project and remind.
 */
const apiOnly = process.argv.includes('--api-only');

// Every variable is checked before anything starts; a bad one is a one-line error naming it, exit 1.
const { config, reminders, logLevel, shutdown } = configOrExit({ apiOnly });
// JSON lines from the first one on (LOG_LEVEL), so log shippers never see a mixed format.
const pino = createRootLogger({ level: logLevel });
Logger.overrideLogger(new PinoNestLogger(pino));
const logger = new Logger('Chessboard');
if (config.jwtSecretSource === 'file-created') {
  logger.warn(
    `AUTH_JWT_SECRET is not set: generated a secret in ${jwtSecretFile(config.dataDir)} (mode 600)`,
  );
} else if (config.jwtSecretSource === 'file') {
  logger.log(`AUTH_JWT_SECRET is not set: using the secret in ${jwtSecretFile(config.dataDir)}`);
}

// A function, not top-level await: tests run this file as CommonJS in a child process.
async function start(): Promise<void> {
  try {
    const { graphqlUrl } = await createApp(config, {
      shutdownHooks: true,
      shutdown,
      reminders,
      runsProjector: !apiOnly,
      pino,
    });
    const mode = apiOnly ? 'API only: run `npm run start:worker` to project and remind' : 'all in one';
    logger.log(`GraphQL API ready at ${graphqlUrl} (data in ${config.dataDir}; ${mode})`);
    logger.log('get a token: npm run token -- --role office --sub office-1');
  } catch (error) {
    logger.error(`failed to start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

void start();
