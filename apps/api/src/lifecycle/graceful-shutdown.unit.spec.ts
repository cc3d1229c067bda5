import { ConfigError } from '../config/app-config.js';
import { shutdownConfigFromEnv } from './graceful-shutdown.js';

describe('SHUTDOWN_DELAY and SHUTDOWN_TIMEOUT', () => {
  it('default to no delay and 20 s', () => {
    expect(shutdownConfigFromEnv({})).toEqual({ delayMs: 0, timeoutMs: 20_000 });
  });

  it('take milliseconds', () => {
    expect(shutdownConfigFromEnv({ SHUTDOWN_DELAY: '5000', SHUTDOWN_TIMEOUT: '30000' })).toEqual({
      delayMs: 5000,
      timeoutMs: 30_000,
    });
  });

  it.each([
    ['SHUTDOWN_DELAY', '-1'],
    ['SHUTDOWN_TIMEOUT', '10s'],
    ['SHUTDOWN_TIMEOUT', '1e9'],
  ])('name the variable when %s=%s is wrong', (name, value) => {
    expect(() => shutdownConfigFromEnv({ [name]: value })).toThrow(ConfigError);
    expect(() => shutdownConfigFromEnv({ [name]: value })).toThrow(
      new RegExp(`^${name}: must be milliseconds`),
    );
  });
});
