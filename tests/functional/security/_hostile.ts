import { createServer as createHttpServer } from 'node:http'
import { createServer, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import { outboundPolicy } from '#sdk'

/**
 * Addresses a hostile user types to make the server call itself or its network: every
 * spelling of loopback, the private, link-local, CGNAT, multicast and unspecified ranges,
 * the cloud metadata address, IPv6 forms (mapped, compatible, NAT64, 6to4, unique-local)
 * and a name that resolves to loopback. `port` is the trap's, so anything that slips through
 * to loopback lands there and is counted.
 */
export function hostileUrls(port: number) {
  return [
    `http://127.0.0.1:${port}/`,
    `http://127.1:${port}/`,
    `http://127.0.0.1.:${port}/`,
    `http://0x7f.1:${port}/`,
    `http://0x7f000001:${port}/`,
    `http://2130706433:${port}/`,
    `http://0177.0.0.1:${port}/`,
    `http://017700000001:${port}/`,
    `http://localhost:${port}/`,
    `http://[::1]:${port}/`,
    `http://[::ffff:127.0.0.1]:${port}/`,
    `http://[::ffff:7f00:1]:${port}/`,
    `http://[0:0:0:0:0:ffff:127.0.0.1]:${port}/`,
    `http://[::127.0.0.1]:${port}/`,
    `http://[64:ff9b::7f00:1]:${port}/`,
    `http://[2002:7f00:1::]:${port}/`,
    `http://0.0.0.0:${port}/`,
    `http://0:${port}/`,
    `http://[::]:${port}/`,
    `http://10.0.0.1:${port}/`,
    `http://172.16.0.1:${port}/`,
    `http://192.168.1.1:${port}/`,
    'http://169.254.169.254/latest/meta-data/',
    `http://[fe80::1]:${port}/`,
    `http://[fd00::1]:${port}/`,
    `http://100.64.0.1:${port}/`,
    `http://224.0.0.1:${port}/`,
    `http://255.255.255.255:${port}/`,
    `https://127.0.0.1:${port}/`,
  ]
}

/** A TCP listener on 127.0.0.1 that counts every connection made to it (an internal service). */
export async function startTrap() {
  let connections = 0
  const sockets = new Set<Socket>()
  const server = createServer((socket) => {
    connections++
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as AddressInfo).port,
    get connections() {
      return connections
    },
    close: () => {
      for (const socket of sockets) socket.destroy()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/**
 * A server standing for a public host (its exact address is allowed, as a fake's is) that
 * answers every request with a redirect to `location`.
 */
export async function startRedirector(location: string) {
  let hits = 0
  const server = createHttpServer((_request, response) => {
    hits++
    response.writeHead(302, { location }).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const revoke = outboundPolicy.allow(`127.0.0.1:${port}`)
  return {
    url: `http://127.0.0.1:${port}`,
    get hits() {
      return hits
    },
    close: () => {
      revoke()
      server.closeAllConnections()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
