import { PassThrough } from 'node:stream';
import { createProgress } from './progress.js';

function capture() {
  const stream = new PassThrough() as unknown as NodeJS.WriteStream;
  const chunks: string[] = [];
  (stream as unknown as PassThrough).on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  return { stream, text: () => chunks.join('') };
}

describe('replay progress off a terminal', () => {
  it('prints plain lines with done/total, events/s and ETA, at most one per interval, and the last figure', () => {
    let clock = 0;
    const out = capture();
    const progress = createProgress({
      label: 'replay',
      total: 10_000,
      stream: out.stream,
      tty: false,
      now: () => clock,
    });
    clock = 1000;
    progress.update(2000);
    clock = 1500;
    progress.update(3000);
    clock = 4000;
    progress.update(8000);
    clock = 5000;
    progress.update(10_000);
    progress.stop();
    expect(out.text().split('\n').filter(Boolean)).toEqual([
      'replay: 2000/10000 events (20%), 2000 events/s, ETA 4s',
      'replay: 8000/10000 events (80%), 2000 events/s, ETA 1s',
      'replay: 10000/10000 events (100%), 2000 events/s, ETA 0s',
    ]);
  });

  it('draws a bar on a terminal', () => {
    const out = capture();
    const progress = createProgress({ label: 'replay', total: 100, stream: out.stream, tty: true });
    progress.update(50);
    progress.stop();
    expect(out.text()).toMatch(/replay \[.*\] \d+% \| \d+\/100 events \| \d+ events\/s \| ETA/);
  });
});
