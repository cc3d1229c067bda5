import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webMiddleware } from './serve-web.js';

describe('serving the built board at /', () => {
  let root: string;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'chessboard-web-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>一盘棋</title>');
    writeFileSync(join(root, 'assets/index-abc123.js'), 'console.log(1)');
    writeFileSync(join(root, '..', `outside-${process.pid}.txt`), 'outside');
    const serve = webMiddleware(root);
    server = createServer((req, res) =>
      serve(req, res, () => {
        res.statusCode = 404;
        res.end(`api:${req.url}`);
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, resolve));
    base = `http://localhost:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(root, { recursive: true, force: true });
    rmSync(join(root, '..', `outside-${process.pid}.txt`), { force: true });
  });

  it('serves index.html at / without caching it', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toContain('一盘棋');
  });

  it('serves hashed assets with a year of caching', async () => {
    const res = await fetch(`${base}/assets/index-abc123.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toContain('immutable');
  });

  it('answers client-side routes with index.html, so deep links and reloads work', async () => {
    for (const path of [
      '/tasks',
      '/tasks/2b1c7a10-0e0f-4d1a-9a51-000000000001?asOf=2023-06-30T00:00:00Z',
      '/audit',
    ]) {
      const res = await fetch(`${base}${path}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<title>一盘棋</title>');
    }
  });

  it('leaves /graphql, /health and /metrics to the API, whatever the method', async () => {
    for (const path of ['/graphql', '/health', '/health/ready', '/metrics']) {
      expect(await (await fetch(`${base}${path}`)).text()).toBe(`api:${path}`);
    }
    const post = await fetch(`${base}/`, { method: 'POST' });
    expect(await post.text()).toBe('api:/');
  });

  it('does not invent files: a missing asset is a 404, not the page', async () => {
    const res = await fetch(`${base}/assets/missing-xyz.js`);
    expect(res.status).toBe(404);
  });

  it('never serves a file outside the build', async () => {
    for (const path of [
      '/../outside-the-board.txt',
      '/%2e%2e/outside-the-board.txt',
      '/assets/%2e%2e/%2e%2e/outside-the-board.txt',
    ]) {
      const res = await fetch(`${base}${path}`);
      expect(await res.text()).not.toBe('outside');
    }
  });

  it('answers HEAD with the headers and no body', async () => {
    const res = await fetch(`${base}/tasks`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(Number(res.headers.get('content-length'))).toBeGreaterThan(0);
    expect(await res.text()).toBe('');
  });
});
