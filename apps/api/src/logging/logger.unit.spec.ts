import { Writable } from 'node:stream';
import { ConfigError } from '../config/app-config.js';
import { createRootLogger, logLevelFromEnv } from './logger.js';
import { PinoNestLogger, pinoLevelFor } from './pino-nest-logger.js';
import { currentRequestId, requestIdFrom, runWithRequestId } from './request-id.js';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, destination };
}

describe('the JSON logger', () => {
  it('adds the request id to every line written inside a request, also after awaits and timers', async () => {
    const { lines, destination } = capture();
    const logger = createRootLogger({ level: 'info', destination });
    logger.info('outside');
    await runWithRequestId('req-42', async () => {
      logger.info('first');
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(currentRequestId()).toBe('req-42');
      logger.warn({ taskId: 't' }, 'after a timer');
    });
    expect(lines.map((line) => [line.msg, line.requestId])).toEqual([
      ['outside', undefined],
      ['first', 'req-42'],
      ['after a timer', 'req-42'],
    ]);
    expect(lines[2]).toMatchObject({ level: 'warn', taskId: 't', name: 'chessboard-api' });
  });

  it('Nest lines keep their context, and an error stack lands in `stack`', () => {
    const { lines, destination } = capture();
    const nest = new PinoNestLogger(createRootLogger({ level: 'info', destination }));
    nest.log('caught up', 'Projector');
    nest.error('boom', 'Error: boom\n    at somewhere (file.ts:1:1)', 'GraphQLError');
    nest.debug('not shown', 'Projector');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: 'info', context: 'Projector', msg: 'caught up' });
    expect(lines[1]).toMatchObject({ level: 'error', context: 'GraphQLError', msg: 'boom' });
    expect(lines[1].stack).toContain('at somewhere');
  });

  it('maps Nest level lists to one threshold', () => {
    expect(pinoLevelFor(['error'])).toBe('error');
    expect(pinoLevelFor(['log', 'warn', 'error'])).toBe('info');
    expect(pinoLevelFor(['verbose', 'error'])).toBe('trace');
    expect(pinoLevelFor(false)).toBe('silent');
  });

  it('reads LOG_LEVEL, and names the variable when it is wrong', () => {
    expect(logLevelFromEnv({})).toBe('info');
    expect(logLevelFromEnv({ LOG_LEVEL: 'DEBUG' })).toBe('debug');
    expect(() => logLevelFromEnv({ LOG_LEVEL: 'loud' })).toThrow(ConfigError);
    expect(() => logLevelFromEnv({ LOG_LEVEL: 'loud' })).toThrow(/^LOG_LEVEL: must be one of/);
  });

  it('accepts a sane x-request-id and replaces anything else', () => {
    expect(requestIdFrom('abc-123:x.y_z')).toBe('abc-123:x.y_z');
    expect(requestIdFrom(['first', 'second'])).toBe('first');
    for (const bad of [undefined, '', 'a b', 'x'.repeat(129), 'ünicode', 'line\nbreak']) {
      expect(requestIdFrom(bad)).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
