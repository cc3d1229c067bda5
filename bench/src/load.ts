/**
 * The load generator, in its own process so it does not share a CPU queue with the server
 * under test: `concurrency` keep-alive connections, each sending its next request as soon
 * as the previous answer is in (closed loop, like autocannon's default). A response counts
 * as an error when its status is not 200 or its body carries GraphQL `errors`.
 */
import { Agent, request } from 'node:http';
import { serve } from './child.js';
import { MeasuringWindow } from './stats.js';

interface RunRequest {
  readonly url: string;
  readonly headers: Record<string, string>;
  /** Client c sends bodies[c], bodies[c + concurrency], … (wrapping within its own share). */
  readonly bodies: string[];
  readonly concurrency: number;
  readonly durationMs: number;
  readonly warmupMs: number;
}

function post(agent: Agent, url: URL, headers: Record<string, string>, body: string): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200) resolve(`HTTP ${res.statusCode}: ${text.slice(0, 300)}`);
          else if (text.includes('"errors"')) resolve(text.slice(0, 300));
          else resolve(null);
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.on('socket', (socket) => socket.setNoDelay(true));
    req.end(body);
  });
}

/**
 * Counts the responses that complete inside the window (after the warm-up, until
 * `durationMs` later — or later, until the first one completes, when a single response
 * takes longer than the window on a busy machine: at most 20 windows).
 */
async function run(r: RunRequest) {
  const url = new URL(r.url);
  const agent = new Agent({ keepAlive: true, maxSockets: r.concurrency });
  const window = new MeasuringWindow(r.warmupMs, r.durationMs, 'end');
  const share = (c: number) => r.bodies.filter((_, i) => i % r.concurrency === c % r.bodies.length);
  const client = async (c: number) => {
    const mine = share(c);
    const bodies = mine.length > 0 ? mine : r.bodies;
    for (let n = 0; ; n++) {
      const started = performance.now();
      if (!window.admits(started)) return;
      await window.measure(started, async () => {
        const failure = await post(agent, url, r.headers, bodies[n % bodies.length]);
        if (failure !== null) throw new Error(failure);
      });
    }
  };
  await Promise.all(Array.from({ length: r.concurrency }, (_, c) => client(c)));
  agent.destroy();
  return window.sample(window.lastDone - window.warmupEnd);
}

serve({
  run: (message) => run(message as unknown as RunRequest),
  stop: async () => {
    setImmediate(() => process.exit(0));
    return {};
  },
});
