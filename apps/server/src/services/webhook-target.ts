import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { AppError } from '@timecard/domain';

/**
 * Where a webhook may go (issue 14, ADR 021): http(s) only, and never into the server's own networks
 * — private, loopback, link-local (the cloud metadata service at 169.254.169.254), carrier-grade NAT,
 * multicast and reserved ranges — unless the operator allows a host or range with
 * WEBHOOK_ALLOW_HOSTS. Checked when an endpoint is made and again at each delivery after DNS
 * resolution; the delivery then connects to the address that was checked (no DNS rebinding).
 */
const FORBIDDEN = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  FORBIDDEN.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  // NAT64 may translate to a private IPv4 address behind the gateway.
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  FORBIDDEN.addSubnet(net, prefix, 'ipv6');
}

/** WEBHOOK_ALLOW_HOSTS, read: host names, and addresses or CIDR ranges. */
export interface WebhookAllowList {
  hosts: ReadonlySet<string>;
  addresses: BlockList;
}

export const NO_ALLOWED_HOSTS: WebhookAllowList = { hosts: new Set(), addresses: new BlockList() };

/** Whether `entry` is an address or a CIDR range (else it is taken as a host name). */
export function parseAddressEntry(entry: string): { address: string; prefix?: number; family: 4 | 6 } | null {
  const [address, prefix, extra] = entry.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || extra !== undefined) return null;
  if (prefix === undefined) return { address: address!, family: family as 4 | 6 };
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > (family === 4 ? 32 : 128)) return null;
  return { address: address!, prefix: Number(prefix), family: family as 4 | 6 };
}

/** The allow list of WEBHOOK_ALLOW_HOSTS entries (already checked by the configuration). */
export function webhookAllowList(entries: readonly string[]): WebhookAllowList {
  const hosts = new Set<string>();
  const addresses = new BlockList();
  for (const entry of entries) {
    const parsed = parseAddressEntry(entry);
    const type = parsed?.family === 6 ? 'ipv6' : 'ipv4';
    if (!parsed) hosts.add(entry.toLowerCase().replace(/\.$/, ''));
    else if (parsed.prefix === undefined) addresses.addAddress(parsed.address, type);
    else addresses.addSubnet(parsed.address, parsed.prefix, type);
  }
  return { hosts, addresses };
}

/** A webhook URL's parts, once it is known to be http(s) and well formed. */
export interface WebhookUrl {
  url: URL;
  /** The host name or address without IPv6 brackets, lower case. */
  host: string;
}

/** Parses a webhook URL: http or https, a host, no user name or password in it. */
export function parseWebhookUrl(text: string): WebhookUrl {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new AppError('webhook_url_invalid', {}, { url: 'webhook_url_invalid' });
  }
  if (
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    !url.hostname ||
    url.username ||
    url.password
  ) {
    throw new AppError('webhook_url_invalid', {}, { url: 'webhook_url_invalid' });
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return { url, host };
}

/** Whether an address lies in a range a webhook may not reach (without an allowance). */
export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return FORBIDDEN.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

function isAllowedAddress(address: string, allow: WebhookAllowList): boolean {
  const family = isIP(address);
  return family !== 0 && allow.addresses.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>;

const systemResolver: Resolver = (host) => lookup(host, { all: true, verbatim: true });

/**
 * The address a webhook to `target` may connect to: the first address the host resolves to that
 * is outside the forbidden ranges, or inside an allowed one; any address for a host allowed by
 * name. Throws `webhook_url_forbidden` when there is none, `webhook_url_unresolvable` when the
 * name does not resolve.
 */
export async function resolveWebhookTarget(
  target: WebhookUrl,
  allow: WebhookAllowList,
  resolve: Resolver = systemResolver,
): Promise<{ address: string; family: 4 | 6 }> {
  let addresses: { address: string; family: number }[];
  if (isIP(target.host) !== 0) {
    addresses = [{ address: target.host, family: isIP(target.host) }];
  } else {
    try {
      addresses = await resolve(target.host);
    } catch {
      throw new AppError('webhook_url_unresolvable', {}, { url: 'webhook_url_unresolvable' });
    }
    if (addresses.length === 0) {
      throw new AppError('webhook_url_unresolvable', {}, { url: 'webhook_url_unresolvable' });
    }
  }
  const byName = allow.hosts.has(target.host.replace(/\.$/, ''));
  const usable = addresses.find(
    (a) => byName || isAllowedAddress(a.address, allow) || !isForbiddenAddress(a.address),
  );
  if (!usable) throw new AppError('webhook_url_forbidden', {}, { url: 'webhook_url_forbidden' });
  return { address: usable.address, family: usable.family === 6 ? 6 : 4 };
}
