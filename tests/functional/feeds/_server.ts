import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { outboundPolicy } from '#sdk'

type Route = (request: IncomingMessage, response: ServerResponse) => void

/**
 * A local web server that stands for a public site serving feeds: its exact address is
 * allowed by the outbound policy until `close()`, nothing else on loopback is. Logs each
 * request's path and conditional headers.
 */
export async function startFeedServer(routes: Record<string, Route>) {
  const requests: { path: string; ifNoneMatch?: string; ifModifiedSince?: string }[] = []
  const server = createServer((request, response) => {
    requests.push({
      path: request.url ?? '',
      ifNoneMatch: request.headers['if-none-match'],
      ifModifiedSince: request.headers['if-modified-since'],
    })
    const route = routes[request.url ?? '']
    if (!route) {
      response.statusCode = 404
      return response.end()
    }
    route(request, response)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const revoke = outboundPolicy.allow(`127.0.0.1:${port}`)
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    requests,
    close: () => {
      revoke()
      server.closeAllConnections()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

export const serve =
  (type: string, body: string | (() => string), headers: Record<string, string> = {}): Route =>
  (request, response) => {
    if (headers.etag && request.headers['if-none-match'] === headers.etag) {
      response.statusCode = 304
      return response.end()
    }
    response.writeHead(200, { 'content-type': type, ...headers })
    response.end(typeof body === 'function' ? body() : body)
  }

const rfc822 = (iso: string) => new Date(iso).toUTCString()

export function rss(
  items: { guid: string; title: string; link: string; at: string; image?: string }[]
) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Bakery news</title><link>https://bakery.example</link>
${items
  .map(
    (
      i
    ) => `<item><title>${i.title}</title><link>${i.link}</link><guid isPermaLink="false">${i.guid}</guid>
<description>&lt;p&gt;Fresh from the &lt;b&gt;oven&lt;/b&gt;: ${i.title}.&lt;/p&gt;</description><pubDate>${rfc822(i.at)}</pubDate>
${i.image ? `<enclosure url="${i.image}" type="image/jpeg" length="1"/>` : ''}</item>`
  )
  .join('\n')}
</channel></rss>`
}

export function atom(entries: { id: string; title: string; link: string; at: string }[]) {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom bakery</title><id>urn:bakery</id><updated>${entries[0]?.at}</updated>
${entries
  .map(
    (e) => `<entry><title>${e.title}</title><id>${e.id}</id><link rel="alternate" href="${e.link}"/>
<updated>${e.at}</updated><published>${e.at}</published><summary type="html">Summary of ${e.title}</summary></entry>`
  )
  .join('\n')}
</feed>`
}

export function jsonFeed(items: { id: string; title: string; url: string; at: string }[]) {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'JSON bakery',
    items: items.map((i) => ({
      id: i.id,
      url: i.url,
      title: i.title,
      content_text: `Text of ${i.title}`,
      date_published: i.at,
    })),
  })
}
