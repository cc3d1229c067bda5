import { ServiceUnavailableError, UnauthenticatedError, type Actor } from '#domain';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import type { IncomingHttpHeaders } from 'node:http';
import type { WebSocket } from 'ws';
import { CLOCK, type Clock } from '../shared/clock.js';
import { bearerToken, TokenVerifier } from './jwt.js';
import { correlationIdFrom, type RequestContext } from './request-context.js';

interface HttpContextArgs {
  readonly req: { readonly headers: IncomingHttpHeaders };
}

/** The graphql-ws context: connection params from connection_init, the upgrade request and socket. */
interface WsContextArgs {
  readonly connectionParams?: Readonly<Record<string, unknown>>;
  readonly extra: { readonly request: { readonly headers: IncomingHttpHeaders }; readonly socket: WebSocket };
}

/** Where onConnect leaves the verified caller of a WebSocket for the operations that follow. */
const wsActors = new WeakMap<object, Actor>();

/** The graphql-ws close code for a connection that did not authenticate. */
export const WS_UNAUTHENTICATED = 4401;

/** WebSocket "try again later": the identity provider's keys could not be fetched. */
export const WS_TRY_AGAIN_LATER = 1013;

/**
 * Authenticates every operation: HTTP requests by their Authorization header (the request is
 * rejected before parsing when it fails), WebSocket connections once in onConnect.
 */
@Injectable()
export class GraphQLContextFactory {
  private readonly logger = new Logger('Auth');

  constructor(
    @Inject(TokenVerifier) private readonly tokens: TokenVerifier,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async forRequest(args: HttpContextArgs | WsContextArgs): Promise<RequestContext & { req: unknown }> {
    const now = this.clock.now().toISOString();
    if ('extra' in args && args.extra?.socket) {
      const actor = wsActors.get(args.extra.socket);
      if (!actor) throw unauthenticated(new UnauthenticatedError('connection is not authenticated'));
      return { req: args.extra.request, actor, correlationId: correlationIdFrom(undefined), now };
    }
    const { req } = args as HttpContextArgs;
    const token = bearerToken(req.headers.authorization);
    if (!token) throw unauthenticated(new UnauthenticatedError('missing bearer token'));
    try {
      const { actor } = await this.tokens.verify(token);
      return { req, actor, correlationId: correlationIdFrom(req.headers['x-request-id']), now };
    } catch (error) {
      if (error instanceof UnauthenticatedError) throw unauthenticated(error);
      if (error instanceof ServiceUnavailableError) throw unavailable(error);
      throw error;
    }
  }

  /**
   * graphql-ws onConnect: a token in connectionParams.authorization (or Authorization), or the
   * upgrade request's header. A rejected connection closes with 4401; an accepted one closes
   * when its token expires, so a long-lived socket cannot outlive its credentials.
   */
  async onConnect(ctx: WsContextArgs): Promise<boolean> {
    const params = ctx.connectionParams ?? {};
    const header = params.authorization ?? params.Authorization ?? ctx.extra.request.headers.authorization;
    const token = bearerToken(header) ?? (typeof header === 'string' && header.includes('.') ? header : null);
    const { socket } = ctx.extra;
    if (!token) return reject(socket, 'missing bearer token');
    try {
      const { actor, expiresAt } = await this.tokens.verify(token);
      wsActors.set(socket, actor);
      const timer = setTimeout(
        () => socket.close(WS_UNAUTHENTICATED, 'token expired'),
        // A timer's delay, not an instant a request answers with: the wall clock, not the request's.
        Math.min(Math.max(expiresAt * 1000 - Date.now(), 0), 2 ** 31 - 1),
      );
      timer.unref();
      socket.once('close', () => clearTimeout(timer));
      return true;
    } catch (error) {
      if (error instanceof ServiceUnavailableError) {
        this.logger.warn(error.message);
        socket.close(WS_TRY_AGAIN_LATER, 'SERVICE_UNAVAILABLE: try again shortly');
        return false;
      }
      if (!(error instanceof UnauthenticatedError)) this.logger.error(error);
      return reject(socket, error instanceof UnauthenticatedError ? error.message : 'invalid token');
    }
  }
}

function unauthenticated(error: UnauthenticatedError): GraphQLError {
  return new GraphQLError(error.message, {
    originalError: error,
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
  });
}

function unavailable(error: ServiceUnavailableError): GraphQLError {
  return new GraphQLError(error.message, {
    originalError: error,
    extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503 } },
  });
}

function reject(socket: WebSocket, reason: string): false {
  socket.close(WS_UNAUTHENTICATED, `UNAUTHENTICATED: ${reason}`.slice(0, 120));
  return false;
}
