import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { PermanentDeliveryError } from './notifier.js';

/**
 * Server-side request forgery guard for outgoing webhooks. A unit contact is typed in by the
 * support office, so a webhook URL could point the worker at the school's intranet, the
 * cloud metadata service (169.254.169.254) or the worker's own host. At send time the URL
 * must be http(s), and, unless WEBHOOK_ALLOW_PRIVATE is set, every address its host resolves
 * to must be public: no loopback, private, link-local, carrier-grade NAT, multicast or
 * reserved range, IPv4 or IPv6 (IPv4-mapped and NAT64 forms included).
 *
 * Residual risk: fetch resolves the name again, so a name whose answer changes between the
 * two lookups (DNS rebinding) could slip through; an egress firewall closes that.
 */

/** Ranges no webhook has any business reaching. */
const NON_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  NON_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['::', 96], // IPv4-compatible (deprecated)
  ['64:ff9b:1::', 48], // local NAT64
  ['100::', 64], // discard
  ['2001::', 23], // IETF protocol assignments (Teredo, ORCHID, …)
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4 (embeds any IPv4)
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const) {
  NON_PUBLIC.addSubnet(network, prefix, 'ipv6');
}

/** True when the address (IPv4 or IPv6) is in none of the ranges above. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  if (family === 6) {
    const embedded = embeddedIPv4(address);
    if (embedded !== null) return isPublicAddress(embedded);
  }
  return !NON_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d) or NAT64 (64:ff9b::a.b.c.d) one. */
function embeddedIPv4(address: string): string | null {
  const match = /^(?:::ffff:|64:ff9b::)(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(
    address,
  );
  if (!match) return null;
  if (match[1]) return match[1];
  const high = parseInt(match[2], 16);
  const low = parseInt(match[3], 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

export interface SsrfPolicy {
  /** WEBHOOK_ALLOW_PRIVATE: deliver to any address (an intranet robot, local tests). */
  readonly allowPrivate: boolean;
  /** How host names are resolved (default: the system resolver, every address). */
  readonly lookup?: (hostname: string) => Promise<readonly { address: string }[]>;
}

/** WEBHOOK_ALLOW_PRIVATE=true (or 1, yes) allows private addresses; anything else does not. */
export function ssrfPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): SsrfPolicy {
  const value = env.WEBHOOK_ALLOW_PRIVATE?.trim().toLowerCase() ?? '';
  return { allowPrivate: ['true', '1', 'yes', 'on'].includes(value) };
}

/** A webhook URL the guard refuses; retrying will not change that. */
export class WebhookUrlRefusedError extends PermanentDeliveryError {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookUrlRefusedError';
  }
}

const systemLookup = (hostname: string) => dnsLookup(hostname, { all: true, verbatim: true });

/**
 * Resolves the URL's host and refuses it (WebhookUrlRefusedError) when the scheme is not
 * http(s) or, without allowPrivate, when any of its addresses is not public. A name that
 * does not resolve fails as the lookup fails (a transient error: DNS may come back).
 */
export async function assertWebhookUrlAllowed(url: string, policy: SsrfPolicy): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new WebhookUrlRefusedError('webhook URL is not a valid URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new WebhookUrlRefusedError(
      `webhook URL scheme ${parsed.protocol} is not allowed (http or https only)`,
    );
  }
  if (policy.allowPrivate) return;
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  const addresses = isIP(host) ? [host] : (await (policy.lookup ?? systemLookup)(host)).map((a) => a.address);
  if (addresses.length === 0) throw new Error(`webhook host ${host} has no address`);
  const refused = addresses.find((address) => !isPublicAddress(address));
  if (refused !== undefined) {
    throw new WebhookUrlRefusedError(
      `webhook host ${host} resolves to ${refused}, a loopback, private, link-local or reserved address ` +
        '(set WEBHOOK_ALLOW_PRIVATE=true to allow)',
    );
  }
}
