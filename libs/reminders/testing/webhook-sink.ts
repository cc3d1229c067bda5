import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** The body exactly as it arrived (what the signature covers). */
  readonly rawBody: string;
  readonly json: unknown;
}

/** How the sink answers the n-th request (0-based) to a path: a status, or 'hang' to never answer. */
export type Responder = (n: number, path: string) => number | 'hang';

/** A real local HTTP server that records webhook POSTs and answers as told. */
export interface WebhookSink {
  readonly url: string;
  readonly received: ReceivedWebhook[];
  respond(responder: Responder): void;
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedWebhook[]>;
  close(): Promise<void>;
}

export async function startWebhookSink(): Promise<WebhookSink> {
  // The sink listens on 127.0.0.1, which the SSRF guard (notifiers/ssrf-guard.ts) refuses
  // unless private addresses are allowed: this process delivers to it, so allow them.
  process.env.WEBHOOK_ALLOW_PRIVATE = 'true';
  const received: ReceivedWebhook[] = [];
  const counts = new Map<string, number>();
  let responder: Responder = () => 200;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      const rawBody = Buffer.concat(chunks).toString('utf8');
      let json: unknown = null;
      try {
        json = JSON.parse(rawBody);
      } catch {
        json = null;
      }
      received.push({ path, headers: req.headers, rawBody, json });
      const n = counts.get(path) ?? 0;
      counts.set(path, n + 1);
      const status = responder(n, path);
      if (status === 'hang') return;
      res.writeHead(status, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    respond: (r) => {
      responder = r;
    },
    async waitFor(count, timeoutMs = 5000) {
      const until = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > until) throw new Error(`expected ${count} webhooks, got ${received.length}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return received;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
