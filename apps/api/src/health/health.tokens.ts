/** HealthModule options (HealthOptions), injectable by the indicators. */
export const HEALTH_OPTIONS = Symbol('HEALTH_OPTIONS');

export interface HealthOptions {
  /** REDIS_URL when set (the reminder jobs' Redis): /health/ready pings it, degraded (not 503) when down. */
  readonly redisUrl: string | null;
  /** Events the read model may trail the log by before /health/ready fails (READINESS_MAX_LAG). */
  readonly maxProjectorLag: number;
  /** Each check gives up after this (default 3000 ms): a probe never hangs on a dead database. */
  readonly checkTimeoutMs?: number;
}

export const DEFAULT_MAX_PROJECTOR_LAG = 1000;
export const DEFAULT_CHECK_TIMEOUT_MS = 3000;
