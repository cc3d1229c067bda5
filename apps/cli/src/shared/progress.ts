import cliProgress from 'cli-progress';

/** Progress of a long run over the log: a bar on a terminal, plain log lines otherwise. */
export interface Progress {
  update(done: number): void;
  stop(): void;
}

export interface ProgressOptions {
  readonly label: string;
  readonly total: number;
  /** Where it goes; default stderr, so stdout stays clean for results. */
  readonly stream?: NodeJS.WriteStream;
  /** Force a mode (tests); default: a bar when the stream is a TTY. */
  readonly tty?: boolean;
  /** Plain mode: at most one line per this many ms (default 2000), plus the last one. */
  readonly everyMs?: number;
  readonly now?: () => number;
}

export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  return (options.tty ?? stream.isTTY === true)
    ? barProgress(options, stream)
    : lineProgress(options, stream);
}

function barProgress(options: ProgressOptions, stream: NodeJS.WriteStream): Progress {
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `${options.label} [{bar}] {percentage}% | {value}/{total} events | {rate} events/s | ETA {eta_formatted}`,
      hideCursor: true,
      // The caller decided this is a terminal (it is one, or a test says so).
      noTTYOutput: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = performance.now();
  bar.start(Math.max(options.total, 1), 0, { rate: 0 });
  return {
    update: (done) => bar.update(done, { rate: rate(done, performance.now() - started) }),
    stop: () => bar.stop(),
  };
}

function lineProgress(options: ProgressOptions, stream: NodeJS.WriteStream): Progress {
  const now = options.now ?? (() => performance.now());
  const everyMs = options.everyMs ?? 2000;
  const started = now();
  let lastLineAt = -Infinity;
  /** The latest figure not printed yet. */
  let pending: number | null = null;
  const write = (done: number) => {
    const perSecond = rate(done, now() - started);
    const eta = perSecond > 0 ? `${Math.ceil((options.total - done) / perSecond)}s` : '?';
    const percent = options.total > 0 ? Math.floor((done * 100) / options.total) : 100;
    stream.write(
      `${options.label}: ${done}/${options.total} events (${percent}%), ${perSecond} events/s, ETA ${eta}\n`,
    );
    lastLineAt = now();
    pending = null;
  };
  return {
    update(done) {
      if (now() - lastLineAt >= everyMs) write(done);
      else pending = done;
    },
    stop() {
      if (pending !== null) write(pending);
    },
  };
}

function rate(done: number, elapsedMs: number): number {
  return elapsedMs > 0 ? Math.round((done * 1000) / elapsedMs) : 0;
}
