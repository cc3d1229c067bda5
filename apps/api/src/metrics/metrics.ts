import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Everything /metrics serves, in one registry of our own (prom-client's global one would
 * make a second app in the same process, as in tests, fail with "already registered").
 * Counters are per process; the gauges describe the shared stores and are refreshed on
 * every scrape (metrics.controller.ts).
 */
export const metricsRegistry = new Registry();

collectDefaultMetrics({ register: metricsRegistry, prefix: 'chessboard_' });

const registers = [metricsRegistry];

export const graphqlRequestDuration = new Histogram({
  name: 'chessboard_graphql_request_duration_seconds',
  help: 'GraphQL HTTP requests from first byte to last, by operation name and type',
  labelNames: ['operation', 'type', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers,
});

export const commandsTotal = new Counter({
  name: 'chessboard_commands_total',
  help: 'Commands through the command pipeline, by type and outcome (written, duplicate, unchanged, or the error code)',
  labelNames: ['command', 'outcome'] as const,
  registers,
});

export const eventsAppendedTotal = new Counter({
  name: 'chessboard_events_appended_total',
  help: 'Events this process appended to the event store, by event type',
  labelNames: ['type'] as const,
  registers,
});

export const eventStoreHeadPosition = new Gauge({
  name: 'chessboard_event_store_head_position',
  help: 'Global position of the last event in the event store (all writers)',
  registers,
});

export const readModelCheckpointPosition = new Gauge({
  name: 'chessboard_read_model_checkpoint_position',
  help: 'Global position of the last event the read model has applied',
  registers,
});

export const projectionLagEvents = new Gauge({
  name: 'chessboard_projection_lag_events',
  help: 'Events in the store the read model has not applied yet',
  registers,
});

export const projectionLagSeconds = new Gauge({
  name: 'chessboard_projection_lag_seconds',
  help: 'Age of the oldest event the read model has not applied yet (0 when caught up)',
  registers,
});

export const remindersRecorded = new Gauge({
  name: 'chessboard_reminders_sent',
  help: 'Reminders delivered and recorded (ReminderSent in the log, as projected), by kind and channel',
  labelNames: ['kind', 'channel'] as const,
  registers,
});

export const reminderQueueJobs = new Gauge({
  name: 'chessboard_reminder_queue_jobs',
  help: 'BullMQ reminder queue jobs by state (REDIS_URL only); state="failed" are reminders that failed for good',
  labelNames: ['state'] as const,
  registers,
});

export const remindersFailed = new Gauge({
  name: 'chessboard_reminders_failed',
  help: 'Reminder deliveries that failed for good and wait in the BullMQ failed set (REDIS_URL only)',
  registers,
});

export const metricsScrapeErrors = new Counter({
  name: 'chessboard_metrics_scrape_errors_total',
  help: 'Scrapes that could not read a store; the affected gauges keep their previous value',
  labelNames: ['source'] as const,
  registers,
});
