import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { outboundPolicy } from '#sdk'

type Route = (response: ServerResponse) => void

/**
 * A local web site standing for the page a post links to. Its exact address is allowed by
 * the outbound policy until `close()` (nothing else on loopback is), unless `allowed` is
 * false: then it stands for a private service the app must never reach. It counts the requests
 * each path received and the bytes each answer managed to send before the client hung up.
 */
export async function startSite(routes: Record<string, Route>, options = { allowed: true }) {
  const hits: Record<string, number> = {}
  const server = createServer((request, response) => {
    const path = request.url ?? ''
    hits[path] = (hits[path] ?? 0) + 1
    const route = routes[path]
    if (!route) {
      response.statusCode = 404
      return response.end()
    }
    route(response)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const revoke = options.allowed ? outboundPolicy.allow(`127.0.0.1:${port}`) : () => {}
  return {
    port,
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    hits,
    close: () => {
      revoke()
      server.closeAllConnections()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

export const html =
  (body: string): Route =>
  (response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    response.end(body)
  }

export const ogPage = (title: string, extra = '') => `<!doctype html><html><head>
<title>Plain title</title>
<meta property="og:title" content="${title}">
<meta property="og:description" content="Fresh from the oven &amp; still warm">
<meta property="og:image" content="/img/croissant.jpg">
${extra}</head><body><p>Hello</p></body></html>`
