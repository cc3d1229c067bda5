import type { IncomingMessage, ServerResponse } from 'node:http';
import { EXAMPLES } from './examples.js';
import { PLAYGROUND_CSS, PLAYGROUND_HTML, playgroundScript } from './playground-assets.js';

export const GRAPHIQL_PATH = '/graphiql';

/**
 * GRAPHIQL=true|false; default: on, except with NODE_ENV=production. The page itself is
 * harmless (every operation still needs a token), but production has no use for it.
 */
export function graphiqlEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const flag = env.GRAPHIQL?.trim().toLowerCase();
  if (flag === 'true' || flag === '1') return true;
  if (flag === 'false' || flag === '0') return false;
  return env.NODE_ENV !== 'production';
}

/**
 * Serves the offline playground at /graphiql (page, script, stylesheet) from memory: no
 * CDN, nothing fetched at run time but /graphql itself. Mounted before the web board so
 * its SPA fallback does not swallow the path.
 */
export function graphiqlMiddleware(graphqlPath = '/graphql') {
  const assets: Record<string, { type: string; body: string }> = {
    [GRAPHIQL_PATH]: { type: 'text/html; charset=utf-8', body: PLAYGROUND_HTML },
    [`${GRAPHIQL_PATH}/`]: { type: 'text/html; charset=utf-8', body: PLAYGROUND_HTML },
    [`${GRAPHIQL_PATH}/playground.css`]: { type: 'text/css; charset=utf-8', body: PLAYGROUND_CSS },
    [`${GRAPHIQL_PATH}/playground.js`]: {
      type: 'text/javascript; charset=utf-8',
      body: playgroundScript(EXAMPLES, graphqlPath),
    },
  };
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const path = (req.url ?? '').split('?')[0];
    const asset = assets[path];
    if (!asset) return next();
    res.statusCode = 200;
    res.setHeader('Content-Type', asset.type);
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; frame-ancestors 'none'",
    );
    res.end(req.method === 'HEAD' ? undefined : asset.body);
  };
}
