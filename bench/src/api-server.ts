/**
 * The API under test, in its own process (as `npm start` runs it, without the reminder
 * timer): the real createApp with the configuration from the environment the benchmark
 * sets (DATA_DIR, EVENT_STORE, READ_MODEL, DATABASE_URL, DATABASE_SCHEMA,
 * AUTH_JWT_SECRET). Reports its peak RSS, sampled every 20 ms, and the memory breakdown at
 * that peak (V8 heap, external, array buffers), on request.
 */
import 'reflect-metadata';
import { createApp } from '../../apps/api/src/app.js';
import { loadConfig } from '../../apps/api/src/config/app-config.js';
import { serve } from './child.js';

async function main(): Promise<void> {
  // A benchmark is one actor at full speed: per-actor rate limits off unless the run sets them.
  const limits = { RATE_LIMIT_REQUESTS: '0', RATE_LIMIT_MUTATIONS: '0' };
  const config = { ...loadConfig({ ...limits, ...process.env, PORT: '0' }), schemaFile: null };
  let peakUsage = process.memoryUsage();
  let peak = peakUsage.rss;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    if (usage.rss > peak) [peak, peakUsage] = [usage.rss, usage];
  }, 20);
  sampler.unref();
  const started = performance.now();
  const running = await createApp(config, { logger: ['error'], reminders: null });
  const startMs = performance.now() - started;
  serve({
    info: async () => ({ url: running.graphqlUrl, startMs, rss: process.memoryUsage().rss }),
    /** The highest RSS since the last call with reset (or since start). */
    peak: async (message) => {
      const usage = process.memoryUsage();
      const result = usage.rss > peak ? { peak: usage.rss, usage } : { peak, usage: peakUsage };
      if (message.reset) [peak, peakUsage] = [usage.rss, usage];
      return result;
    },
    stop: async () => {
      await running.close();
      setImmediate(() => process.exit(0));
      return {};
    },
  });
  process.send?.({ id: 0, ready: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
