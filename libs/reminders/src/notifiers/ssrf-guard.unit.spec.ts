import {
  assertWebhookUrlAllowed,
  isPublicAddress,
  ssrfPolicyFromEnv,
  WebhookUrlRefusedError,
} from './ssrf-guard.js';
import { PermanentDeliveryError } from './notifier.js';

describe('SSRF guard for webhook URLs', () => {
  it.each([
    '127.0.0.1',
    '127.255.255.254',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '198.18.0.1',
    '::',
    '::1',
    'fe80::1',
    'fc00::1',
    'fd12:3456::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:a9fe:a9fe',
    '64:ff9b::10.0.0.1',
    '2001:db8::1',
    'not an address',
  ])('%s is not public', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '101.226.4.6',
    '172.32.0.1',
    '192.169.0.1',
    '2400:3200::1',
    '2001:4860:4860::8888',
    '::ffff:8.8.8.8',
  ])('%s is public', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  const deny = { allowPrivate: false };

  it('refuses schemes other than http(s), whatever WEBHOOK_ALLOW_PRIVATE says', async () => {
    for (const url of [
      'ftp://hooks.example.com/x',
      'file:///etc/passwd',
      'gopher://127.0.0.1:6379/_FLUSHALL',
      'javascript:alert(1)',
      'not a url',
    ]) {
      await expect(assertWebhookUrlAllowed(url, { allowPrivate: true })).rejects.toBeInstanceOf(
        WebhookUrlRefusedError,
      );
    }
  });

  it('refuses IP literals in private ranges, in every spelling the URL parser accepts', async () => {
    for (const url of [
      'http://127.0.0.1:8080/hook',
      'http://127.1/hook',
      'http://2130706433/hook',
      'http://0x7f000001/hook',
      'http://[::1]/hook',
      'http://[::ffff:127.0.0.1]/hook',
      'http://169.254.169.254/latest/meta-data/',
      'https://10.0.0.5/robot',
    ]) {
      await expect(assertWebhookUrlAllowed(url, deny)).rejects.toThrow(
        /loopback, private, link-local or reserved/,
      );
    }
  });

  it('refuses a name when any of its addresses is private (every address is checked)', async () => {
    const lookup = async () => [{ address: '203.0.113.7' }, { address: '8.8.8.8' }, { address: '10.0.0.1' }];
    await expect(
      assertWebhookUrlAllowed('https://hooks.example.com/x', { allowPrivate: false, lookup }),
    ).rejects.toThrow(/resolves to 203\.0\.113\.7/);
    const publicOnly = async () => [{ address: '8.8.8.8' }, { address: '2001:4860:4860::8888' }];
    await expect(
      assertWebhookUrlAllowed('https://hooks.example.com/x', { allowPrivate: false, lookup: publicOnly }),
    ).resolves.toBeUndefined();
  });

  it('a refusal is permanent (retrying cannot help); WEBHOOK_ALLOW_PRIVATE=true allows private hosts', async () => {
    await expect(assertWebhookUrlAllowed('http://127.0.0.1/x', deny)).rejects.toBeInstanceOf(
      PermanentDeliveryError,
    );
    await expect(
      assertWebhookUrlAllowed('http://127.0.0.1/x', ssrfPolicyFromEnv({ WEBHOOK_ALLOW_PRIVATE: 'true' })),
    ).resolves.toBeUndefined();
    expect(ssrfPolicyFromEnv({})).toEqual({ allowPrivate: false });
    expect(ssrfPolicyFromEnv({ WEBHOOK_ALLOW_PRIVATE: 'no' })).toEqual({ allowPrivate: false });
  });
});
