import {
  assertWebhookUrlAllowed,
  isPublicAddress,
  ssrfPolicyFromEnv,
  WebhookUrlRefusedError,
} from './ssrf-guard.js';
import { PermanentDeliveryError } from './notifier.js';

/** Addresses a webhook must not reach, with the range each falls in. */
const NOT_PUBLIC: Record<string, string> = {
  '127.0.0.1': 'loopback',
  '127.255.255.254': 'loopback, top of the range',
  '10.1.2.3': 'private 10/8',
  '172.16.0.1': 'private 172.16/12',
  '172.31.255.255': 'private 172.16/12, top',
  '192.168.1.1': 'private 192.168/16',
  '169.254.169.254': 'link-local (cloud metadata)',
  '100.64.0.1': 'carrier-grade NAT',
  '0.0.0.0': 'this host',
  '224.0.0.1': 'multicast',
  '255.255.255.255': 'broadcast',
  '198.18.0.1': 'benchmarking',
  '::': 'IPv6 unspecified',
  '::1': 'IPv6 loopback',
  'fe80::1': 'IPv6 link-local',
  'fc00::1': 'IPv6 unique local',
  'fd12:3456::1': 'IPv6 unique local',
  'ff02::1': 'IPv6 multicast',
  '::ffff:127.0.0.1': 'IPv4-mapped loopback',
  '::ffff:7f00:1': 'IPv4-mapped loopback, hex',
  '::ffff:a9fe:a9fe': 'IPv4-mapped link-local, hex',
  '64:ff9b::10.0.0.1': 'NAT64 of a private address',
  '2001:db8::1': 'IPv6 documentation',
  'not an address': 'not an address at all',
};

/** Private hosts in the spellings the URL parser accepts for them. */
const PRIVATE_URLS: Record<string, string> = {
  'http://127.0.0.1:8080/hook': 'dotted',
  'http://127.1/hook': 'short dotted',
  'http://2130706433/hook': 'one decimal number',
  'http://0x7f000001/hook': 'one hex number',
  'http://[::1]/hook': 'IPv6 literal',
  'http://[::ffff:127.0.0.1]/hook': 'IPv4-mapped IPv6 literal',
  'http://169.254.169.254/latest/meta-data/': 'cloud metadata',
  'https://10.0.0.5/robot': 'private, over https',
};

describe('SSRF guard for webhook URLs', () => {
  it.each(Object.entries(NOT_PUBLIC))('%s is not public (%s)', (address) => {
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

  it.each([
    'ftp://hooks.example.com/x',
    'file:///etc/passwd',
    'gopher://127.0.0.1:6379/_FLUSHALL',
    'javascript:alert(1)',
    'not a url',
  ])('refuses %s (only http and https), whatever WEBHOOK_ALLOW_PRIVATE says', async (url) => {
    await expect(assertWebhookUrlAllowed(url, { allowPrivate: true })).rejects.toBeInstanceOf(
      WebhookUrlRefusedError,
    );
  });

  it.each(Object.entries(PRIVATE_URLS))('refuses %s (%s)', async (url) => {
    await expect(assertWebhookUrlAllowed(url, deny)).rejects.toThrow(
      /loopback, private, link-local or reserved/,
    );
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
