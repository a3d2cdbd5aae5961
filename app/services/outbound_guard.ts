import { lookup } from 'node:dns/promises'
import { BlockList, isIP } from 'node:net'

/**
 * Address ranges a user-supplied URL must never reach: loopback, private, link-local,
 * carrier-grade NAT, multicast, reserved (IPv4 and IPv6, including mapped IPv4).
 */
const forbidden = new BlockList()
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) forbidden.addSubnet(network, prefix, 'ipv4')
for (const [network, prefix] of [
  ['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['2001:db8::', 32], ['64:ff9b::', 96],
] as const) forbidden.addSubnet(network, prefix, 'ipv6')

export function isForbiddenAddress(address: string) {
  const family = isIP(address)
  if (family === 0) return true
  if (family === 6 && address.toLowerCase().startsWith('::ffff:')) return isForbiddenAddress(address.slice(7))
  return forbidden.check(address, family === 4 ? 'ipv4' : 'ipv6')
}

/**
 * Checks that every address a host name resolves to is public. `allowPrivate` exists for
 * tests and local fakes (config), never for production.
 */
export async function isPublicHost(hostname: string, allowPrivate = false) {
  if (allowPrivate) return true
  const host = hostname.replace(/^\[|\]$/g, '')
  const addresses = isIP(host) ? [{ address: host }] : await lookup(host, { all: true, verbatim: true }).catch(() => [])
  return addresses.length > 0 && addresses.every(({ address }) => !isForbiddenAddress(address))
}
