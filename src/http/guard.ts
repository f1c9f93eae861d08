/**
 * The public-address guard for URLs given by HTTP clients (server-side request forgery defence).
 *
 * A URL is fetched only when every address its host resolves to is public: loopback, private,
 * link-local (cloud metadata at 169.254.169.254 included), carrier-grade NAT, unspecified,
 * multicast, reserved and documentation ranges are refused, in IPv4 and IPv6, including IPv4
 * addresses embedded in IPv6 (::ffff:127.0.0.1, 64:ff9b::/96, 6to4). The check runs twice:
 * before each request and redirect hop (`guard`, a clear error early), and again when the socket
 * connects (`dispatcher`, whose DNS lookup is the one actually used), so a DNS answer that changes
 * between the two (rebinding) cannot reach an internal address.
 *
 * The operator may allow hosts or networks explicitly (`allow`: host names, IP addresses, CIDRs).
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { createRequire } from 'node:module';
import type { Agent } from 'undici';

// undici loads in ~0.4 s: only the commands that fetch for a remote user (serve, worker) pay for it.
const requireLazily = createRequire(import.meta.url);
import { fail, ok, type Result } from '../model/index.ts';

export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export interface GuardOptions {
  /** Host names (exact, case-insensitive), IP addresses or CIDR ranges the operator allows. */
  allow?: readonly string[];
  /** DNS resolution; default the system resolver (`dns.lookup`, all addresses). */
  resolve?: Resolver;
}

const RANGES: Array<[string, number, 'ipv4' | 'ipv6', string]> = [
  ['0.0.0.0', 8, 'ipv4', 'an unspecified ("this network") address'],
  ['10.0.0.0', 8, 'ipv4', 'a private address'],
  ['100.64.0.0', 10, 'ipv4', 'a carrier-grade NAT address'],
  ['127.0.0.0', 8, 'ipv4', 'a loopback address'],
  ['169.254.0.0', 16, 'ipv4', 'a link-local (cloud metadata) address'],
  ['172.16.0.0', 12, 'ipv4', 'a private address'],
  ['192.0.0.0', 24, 'ipv4', 'a reserved (IETF protocol) address'],
  ['192.0.2.0', 24, 'ipv4', 'a documentation address'],
  ['192.88.99.0', 24, 'ipv4', 'a reserved (6to4 relay) address'],
  ['192.168.0.0', 16, 'ipv4', 'a private address'],
  ['198.18.0.0', 15, 'ipv4', 'a benchmarking address'],
  ['198.51.100.0', 24, 'ipv4', 'a documentation address'],
  ['203.0.113.0', 24, 'ipv4', 'a documentation address'],
  ['224.0.0.0', 4, 'ipv4', 'a multicast address'],
  ['240.0.0.0', 4, 'ipv4', 'a reserved address'],
  ['::', 128, 'ipv6', 'an unspecified address'],
  ['::1', 128, 'ipv6', 'a loopback address'],
  ['100::', 64, 'ipv6', 'a discard-only address'],
  ['2001::', 23, 'ipv6', 'a reserved (IETF protocol) address'],
  ['2001:db8::', 32, 'ipv6', 'a documentation address'],
  ['fc00::', 7, 'ipv6', 'a private (unique local) address'],
  ['fe80::', 10, 'ipv6', 'a link-local address'],
  ['fec0::', 10, 'ipv6', 'a site-local address'],
  ['ff00::', 8, 'ipv6', 'a multicast address'],
];

/** The IPv4 address inside an IPv6 one (mapped, compatible, NAT64, 6to4), or null. */
function embeddedIpv4(address: string): string | null {
  const a = address.toLowerCase();
  const dotted = /^(?:::ffff:(?:0:)?|::|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (dotted) return dotted[1]!;
  const hex = /^(?:::ffff:(?:0:)?|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(a);
  const sixToFour = /^2002:([0-9a-f]{1,4}):([0-9a-f]{1,4}):/.exec(a);
  const m = hex ?? sixToFour;
  if (!m) return null;
  const hi = parseInt(m[1]!, 16);
  const lo = parseInt(m[2]!, 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** Why an address may not be fetched ("a loopback address"), or null when it is public. */
export function nonPublicReason(address: string): string | null {
  const family = isIP(address);
  if (family === 0) return 'not an IP address';
  const v4 = family === 6 ? embeddedIpv4(address) : null;
  if (v4) return nonPublicReason(v4);
  for (const [net, prefix, type, reason] of RANGES) {
    if ((type === 'ipv4') !== (family === 4)) continue;
    const list = new BlockList();
    list.addSubnet(net, prefix, type);
    if (list.check(address, type)) return reason;
  }
  return null;
}

/** The operator's allow-list, parsed once; a bad entry is reported by name. */
export function parseAllowList(entries: readonly string[]): Result<{ hosts: Set<string>; nets: BlockList }> {
  const hosts = new Set<string>();
  const nets = new BlockList();
  for (const raw of entries) {
    const entry = raw.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
    if (!entry) continue;
    const cidr = /^(.+)\/(\d{1,3})$/.exec(entry);
    const ip = cidr ? cidr[1]! : entry;
    const family = isIP(ip);
    if (family) {
      const prefix = cidr ? Number(cidr[2]) : family === 4 ? 32 : 128;
      if (prefix > (family === 4 ? 32 : 128)) return fail('bad-input', `invalid allowed host "${raw}": prefix /${prefix} is too long`);
      nets.addSubnet(ip, prefix, family === 4 ? 'ipv4' : 'ipv6');
    } else if (!cidr && /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(entry)) {
      hosts.add(entry);
    } else {
      return fail('bad-input', `invalid allowed host "${raw}": expected a host name, an IP address or a CIDR range such as 10.0.0.0/8`);
    }
  }
  return ok({ hosts, nets });
}

const systemResolve: Resolver = (hostname) =>
  new Promise((resolve, reject) => dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))));

export interface AddressGuard {
  /** For `fetchUrl`'s `guard`: called on the first URL and on every redirect target. */
  guard: (url: URL) => Promise<Result<void>>;
  /** For `fetchUrl`'s `dispatcher`: re-checks the addresses the connection really uses. */
  dispatcher: Agent;
  close: () => Promise<void>;
}

export function createAddressGuard(options: GuardOptions = {}): Result<AddressGuard> {
  const allow = parseAllowList(options.allow ?? []);
  if (!allow.ok) return allow;
  const { hosts, nets } = allow.value;
  const resolve = options.resolve ?? systemResolve;
  const hostAllowed = (host: string): boolean => hosts.has(host.toLowerCase().replace(/\.$/, ''));
  const addressRefusal = (host: string, address: string): string | null => {
    const family = isIP(address);
    if (family && nets.check(address, family === 4 ? 'ipv4' : 'ipv6')) return null;
    const why = nonPublicReason(address);
    if (!why) return null;
    const what = host === address ? `it is ${why}` : `it resolves to ${address}, ${why}`;
    return `refused to fetch "${host}": ${what} (only public addresses are fetched unless the operator allows them)`;
  };
  const refusal = async (hostname: string): Promise<string | null> => {
    const host = hostname.replace(/^\[(.*)\]$/, '$1');
    if (hostAllowed(host)) return null;
    if (isIP(host)) return addressRefusal(host, host);
    let addresses: LookupAddress[];
    try {
      addresses = await resolve(host);
    } catch {
      return `cannot fetch "${host}": host not found`;
    }
    if (!addresses.length) return `cannot fetch "${host}": host not found`;
    for (const a of addresses) {
      const why = addressRefusal(host, a.address);
      if (why) return why;
    }
    return null;
  };

  const lookup: LookupFunction = (hostname, opts, callback) => {
    const all = Boolean((opts as { all?: boolean }).all);
    const done = callback as (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
    const refuse = (message: string): void => done(Object.assign(new Error(message), { code: 'EREFUSEDADDRESS' }), all ? [] : '', 0);
    if (hostAllowed(hostname)) {
      dnsLookup(hostname, { ...opts, all: true }, (err, addresses) => (err ? done(err, all ? [] : '', 0) : all ? done(null, addresses) : done(null, addresses[0]?.address ?? '', addresses[0]?.family ?? 4)));
      return;
    }
    resolve(hostname).then((addresses) => {
      const family = (opts as { family?: number }).family;
      const usable = addresses.filter((a) => !family || a.family === family);
      if (!usable.length) return refuse(`cannot fetch "${hostname}": host not found`);
      for (const a of usable) {
        const why = addressRefusal(hostname, a.address);
        if (why) return refuse(why);
      }
      if (all) done(null, usable);
      else done(null, usable[0]!.address, usable[0]!.family);
    }, (err: NodeJS.ErrnoException) => done(err, all ? [] : '', 0));
  };

  const { Agent: UndiciAgent } = requireLazily('undici') as typeof import('undici');
  const dispatcher = new UndiciAgent({ connect: { lookup } });
  return ok({
    guard: async (url) => {
      const why = await refusal(url.hostname);
      return why ? fail('bad-url', why) : ok(undefined);
    },
    dispatcher,
    close: () => dispatcher.close(),
  });
}
