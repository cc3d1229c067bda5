import { Logger, type INestApplication } from '@nestjs/common';
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

/** Paths the API owns; everything else that is not a file is the board's client-side route. */
const API_PATHS = ['/graphql', '/health', '/metrics'];

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

type Next = (error?: unknown) => void;

const isApiPath = (path: string): boolean =>
  API_PATHS.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));

/**
 * Express middleware serving the built board (web/dist) at `/`: files as they are (hashed
 * /assets/* cached for a year), and index.html for any other GET of a path without an
 * extension, so client-side routes survive a reload. /graphql, /health and /metrics pass by.
 */
export function webMiddleware(root: string) {
  const base = resolve(root);
  const index = join(base, 'index.html');
  return (req: IncomingMessage, res: ServerResponse, next: Next): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      return next();
    }
    if (isApiPath(path) || path.includes('\0')) return next();
    const file = resolve(base, `.${path}`);
    if (file !== base && !file.startsWith(base + sep)) return next();
    const found = existsSync(file) && statSync(file).isFile() ? file : null;
    if (!found && extname(path) !== '') return next();
    const target = found ?? index;
    const immutable = found !== null && path.startsWith('/assets/');
    res.statusCode = 200;
    res.setHeader('Content-Type', CONTENT_TYPES[extname(target)] ?? 'application/octet-stream');
    res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (target === index) res.setHeader('X-Frame-Options', 'DENY');
    if (req.method === 'HEAD') {
      res.setHeader('Content-Length', statSync(target).size);
      res.end();
      return;
    }
    createReadStream(target)
      .on('error', (error) => next(error))
      .pipe(res);
  };
}

/**
 * Mounts the board on the Nest app before it listens. Without a build (web/dist/index.html)
 * the API still serves GraphQL and says how to build the board.
 */
export function serveWeb(app: INestApplication, root = resolve('web/dist')): boolean {
  if (!existsSync(join(root, 'index.html'))) {
    new Logger('Web').warn(`no board at ${root}: run "npm run build:web" to serve it at /`);
    return false;
  }
  app.use(webMiddleware(root));
  return true;
}
