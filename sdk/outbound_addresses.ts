import { BlockList, isIP } from 'node:net'

/**
 * Address ranges a user-supplied URL must never reach: "this" network, loopback, private,
 * link-local, carrier-grade NAT, benchmarking, documentation, multicast, reserved and
 * broadcast (IPv4); unspecified, loopback, unique-local, link-local, site-local, multicast,
 * documentation, discard, translation and tunnelling prefixes that can embed an IPv4
 * address (NAT64, 6to4, Teredo) and IPv4-mapped/compatible forms (IPv6).
 */
// Two lists: Node's BlockList matches IPv4 addresses against IPv4-mapped IPv6 subnets too.
const forbidden4 = new BlockList()
const forbidden6 = new BlockList()
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  forbidden4.addSubnet(network, prefix, 'ipv4')
for (const [network, prefix] of [
  ['::', 96],
  ['::ffff:0:0', 96],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 32],
  ['2001:10::', 28],
  ['2001:20::', 28],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['3fff::', 20],
  ['5f00::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const)
  forbidden6.addSubnet(network, prefix, 'ipv6')

/** Strips URL brackets from an IPv6 literal (`[::1]` → `::1`). */
export function unbracket(host: string) {
  return host.replace(/^\[|\]$/g, '')
}

/**
 * True for anything that is not a plain public unicast address, including strings that
 * are not IP addresses at all. IPv4-mapped IPv6 (`::ffff:127.0.0.1`, `::ffff:7f00:1`) is
 * refused whatever it maps to: no public name resolves to one.
 */
export function isForbiddenAddress(address: string) {
  const candidate = unbracket(address).replace(/%.*$/, '')
  const family = isIP(candidate)
  if (family === 0) return true
  if (family === 6 && /^::ffff:/i.test(candidate)) return true
  return family === 4 ? forbidden4.check(candidate, 'ipv4') : forbidden6.check(candidate, 'ipv6')
}
