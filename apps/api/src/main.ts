import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.js';
import { ConfigError, jwtSecretFile, loadConfig, type AppConfig } from './config/app-config.js';

function configOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`chessboard: invalid configuration: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

const config = configOrExit();
const logger = new Logger('Chessboard');
if (config.jwtSecretSource === 'file-created') {
  logger.warn(
    `AUTH_JWT_SECRET is not set: generated a secret in ${jwtSecretFile(config.dataDir)} (mode 600)`,
  );
} else if (config.jwtSecretSource === 'file') {
  logger.log(`AUTH_JWT_SECRET is not set: using the secret in ${jwtSecretFile(config.dataDir)}`);
}

try {
  const { graphqlUrl } = await createApp(config, { shutdownHooks: true });
  logger.log(`GraphQL API ready at ${graphqlUrl} (data in ${config.dataDir})`);
  logger.log('get a token: npm run token -- --role office --sub office-1');
} catch (error) {
  logger.error(`failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
