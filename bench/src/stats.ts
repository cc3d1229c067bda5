/** Medians and percentiles; every figure the benchmark reports is a median over repetitions. */

/** Median of the finite values (a repetition that measured nothing sends null or NaN). */
export function median(values: readonly (number | null)[]): number {
  const finite = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (finite.length === 0) return NaN;
  const sorted = finite.sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Nearest-rank percentile (p in 0..100) of unsorted samples. */
export function percentile(samples: ArrayLike<number>, p: number): number {
  const n = samples.length;
  if (n === 0) return NaN;
  const sorted = Float64Array.from(samples).sort();
  const rank = Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1));
  return sorted[rank];
}

/** What one timed repetition of a load measured. */
export interface LoadSample {
  /** Completed operations per second in the measured window. */
  readonly rate: number;
  readonly p50: number;
  readonly p99: number;
  readonly count: number;
  readonly errors: number;
  readonly firstError?: string;
}

export function summarise(
  latenciesMs: ArrayLike<number>,
  count: number,
  elapsedMs: number,
  errors = 0,
): LoadSample {
  return {
    rate: elapsedMs > 0 ? (count * 1000) / elapsedMs : 0,
    p50: percentile(latenciesMs, 50),
    p99: percentile(latenciesMs, 99),
    count,
    errors,
  };
}

/** Medians of each figure over repetitions. */
export function medianSample(samples: readonly LoadSample[]): LoadSample {
  return {
    rate: median(samples.map((s) => s.rate)),
    p50: median(samples.map((s) => s.p50)),
    p99: median(samples.map((s) => s.p99)),
    count: samples.reduce((a, s) => a + s.count, 0),
    errors: samples.reduce((a, s) => a + s.errors, 0),
    firstError: samples.find((s) => s.firstError)?.firstError,
  };
}

/**
 * Runs `ours` and `baseline` alternately `reps` times (A B A B …), so drift on a shared,
 * noisy machine falls on both alike.
 */
export async function alternate<A, B>(
  reps: number,
  ours: (rep: number) => Promise<A>,
  baseline: (rep: number) => Promise<B>,
): Promise<{ ours: A[]; baseline: B[] }> {
  const a: A[] = [];
  const b: B[] = [];
  for (let rep = 0; rep < reps; rep++) {
    if (rep % 2 === 0) {
      a.push(await ours(rep));
      b.push(await baseline(rep));
    } else {
      b.push(await baseline(rep));
      a.push(await ours(rep));
    }
  }
  return { ours: a, baseline: b };
}

/**
 * The measuring window of a timed run (after the warm-up, for the duration, extended until the
 * first completion if one takes longer, at most 20 windows) and what completed inside it.
 */
export class MeasuringWindow {
  readonly warmupEnd: number;
  readonly end: number;
  readonly hardEnd: number;
  readonly latencies: number[] = [];
  errors = 0;
  firstError: string | undefined;
  lastDone: number;

  constructor(warmupMs: number, durationMs: number, lastDoneFrom: 'warmup end' | 'end') {
    this.warmupEnd = performance.now() + warmupMs;
    this.end = this.warmupEnd + durationMs;
    this.hardEnd = this.warmupEnd + 20 * durationMs;
    this.lastDone = lastDoneFrom === 'end' ? this.end : this.warmupEnd;
  }

  /** Whether an operation starting at `now` may still count. */
  admits(now: number): boolean {
    return !(now >= this.hardEnd || (now >= this.end && this.measured()));
  }

  /** Runs an operation that started at `started`; it fails by throwing. */
  async measure(started: number, op: () => Promise<unknown>): Promise<void> {
    let failure: string | null = null;
    try {
      await op();
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
    this.record(started, failure);
  }

  private record(started: number, failure: string | null): void {
    const done = performance.now();
    if (done < this.warmupEnd || (done > this.end && this.measured())) return;
    this.lastDone = Math.max(this.lastDone, done);
    if (failure !== null) {
      this.errors++;
      this.firstError ??= failure;
    } else this.latencies.push(done - started);
  }

  sample(windowMs: number): LoadSample {
    const sample = summarise(this.latencies, this.latencies.length, windowMs, this.errors);
    return this.firstError ? { ...sample, firstError: this.firstError } : sample;
  }

  private measured(): boolean {
    return this.latencies.length + this.errors > 0;
  }
}

/**
 * `workers` async loops calling `op`; counts the operations that complete inside the window
 * (after `warmupMs`, for `durationMs`, extended until the first completion if one takes
 * longer, at most 20 windows); latencies in ms.
 */
export async function timedLoop(
  options: { workers: number; durationMs: number; warmupMs?: number; maxOps?: number },
  op: (worker: number, n: number) => Promise<void>,
): Promise<LoadSample> {
  const window = new MeasuringWindow(options.warmupMs ?? 0, options.durationMs, 'warmup end');
  let issued = 0;
  const loop = async (worker: number) => {
    for (let n = 0; ; n++) {
      const started = performance.now();
      if (!window.admits(started)) return;
      if (options.maxOps !== undefined && issued >= options.maxOps) return;
      issued++;
      await window.measure(started, () => op(worker, n));
    }
  };
  await Promise.all(Array.from({ length: options.workers }, (_, w) => loop(w)));
  return window.sample(Math.max(window.lastDone, Math.min(window.end, performance.now())) - window.warmupEnd);
}
