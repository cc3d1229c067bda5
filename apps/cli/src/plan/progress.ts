import cliProgress from 'cli-progress';

/** Below this many rows an import is over before a bar would be worth drawing. */
const BAR_FROM_ROWS = 200;

/** A progress bar on stderr while rows are written, when stderr is a terminal and the file is large. */
export function rowProgress(label: string, stream: NodeJS.WriteStream = process.stderr) {
  let bar: cliProgress.SingleBar | null = null;
  const started = performance.now();
  return {
    update(done: number, total: number): void {
      if (!bar) {
        if (!stream.isTTY || total < BAR_FROM_ROWS) return;
        bar = new cliProgress.SingleBar(
          {
            stream,
            format: `${label} [{bar}] {percentage}% | {value}/{total} rows | {rate} rows/s | ETA {eta_formatted}`,
            hideCursor: true,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, 0, { rate: 0 });
      }
      const seconds = (performance.now() - started) / 1000;
      bar.update(done, { rate: seconds > 0 ? Math.round(done / seconds) : 0 });
    },
    stop(): void {
      bar?.stop();
    },
  };
}
