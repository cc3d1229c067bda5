import { Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.tokens.js';
import { GraphQLContextFactory } from './graphql-context.js';
import { TokenVerifier } from './jwt.js';

/** One TokenVerifier per app: it holds the JWKS cache, shared by HTTP and WebSocket logins. */
@Module({
  providers: [
    {
      provide: TokenVerifier,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => TokenVerifier.fromConfig(config.jwtSecret, config.security.auth),
    },
    GraphQLContextFactory,
  ],
  exports: [GraphQLContextFactory, TokenVerifier],
})
export class AuthModule {}
