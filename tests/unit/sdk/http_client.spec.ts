import { test } from '@japa/runner'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { HttpClient, retryAfterSeconds } from '#sdk/http'

/** A real local HTTP server whose answer each test chooses. */
async function startServer(handler: Parameters<typeof createServer>[1]) {
  const server = createServer(handler)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { server, baseUrl: `http://127.0.0.1:${port}` }
}

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()))

test.group('SDK HTTP client error mapping', () => {
  test('2xx gives the parsed body', async ({ assert, cleanup }) => {
    const { server, baseUrl } = await startServer((req, res) => {
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify({ id: '42', auth: req.headers.authorization }))
    })
    cleanup(() => close(server))
    const result = await new HttpClient({ baseUrl }).send<{ id: string; auth: string }>({
      url: '/x',
      bearer: 'tok',
    })
    assert.equal(result.status, 'ok')
    if (result.status === 'ok')
      assert.deepEqual(result.value.body, { id: '42', auth: 'Bearer tok' })
  })

  test('401 → unauthorized, 429 → rate_limited with Retry-After, 503 → retryable, 422 → final', async ({
    assert,
    cleanup,
  }) => {
    const { server, baseUrl } = await startServer((req, res) => {
      const status = Number(req.url!.slice(1))
      if (status === 429) res.setHeader('retry-after', '17')
      res.statusCode = status
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify({ error: 'nope' }))
    })
    cleanup(() => close(server))
    const client = new HttpClient({ baseUrl })
    assert.equal((await client.send({ url: '/401' })).status, 'unauthorized')
    assert.deepInclude(await client.send({ url: '/429' }), {
      status: 'rate_limited',
      retryAfter: 17,
    })
    assert.deepInclude(await client.send({ url: '/503' }), { status: 'error', retryable: true })
    assert.deepInclude(await client.send({ url: '/422' }), {
      status: 'error',
      retryable: false,
      code: 'http_422',
      httpStatus: 422,
      networkError: 'nope',
    })
  })

  test('a JSON:API-style refusal keeps its first error: code and title (Tumblr)', async ({
    assert,
    cleanup,
  }) => {
    const { server, baseUrl } = await startServer((_req, res) => {
      res.statusCode = 400
      res.setHeader('content-type', 'application/json')
      res.end(
        JSON.stringify({
          meta: { status: 400, msg: 'Bad Request' },
          errors: [{ title: "'content' must be an array", code: 8001 }],
        })
      )
    })
    cleanup(() => close(server))
    const result = await new HttpClient({ baseUrl }).send({ method: 'POST', url: '/posts' })
    assert.deepInclude(result, { status: 'error', networkError: '8001', httpStatus: 400 })
    if (result.status === 'error') assert.match(result.reason, /400 'content' must be an array$/)
  })

  test('a 429 without a header waits as long as its body says (Telegram, Discord)', async ({
    assert,
    cleanup,
  }) => {
    const { server, baseUrl } = await startServer((req, res) => {
      res.statusCode = 429
      res.setHeader('content-type', 'application/json')
      const body =
        req.url === '/telegram'
          ? {
              ok: false,
              error_code: 429,
              description: 'Too Many Requests: retry after 23',
              parameters: { retry_after: 23 },
            }
          : req.url === '/discord'
            ? { message: 'You are being rate limited.', retry_after: 1.5, global: false }
            : { error: 'slow down' }
      res.end(JSON.stringify(body))
    })
    cleanup(() => close(server))
    const client = new HttpClient({ baseUrl })
    assert.deepInclude(await client.send({ method: 'POST', url: '/telegram' }), {
      status: 'rate_limited',
      retryAfter: 23,
    })
    // rateLimited rounds up: never sooner than the network asked.
    assert.deepInclude(await client.send({ method: 'POST', url: '/discord' }), {
      status: 'rate_limited',
      retryAfter: 2,
    })
    assert.deepInclude(await client.send({ url: '/other' }), {
      status: 'rate_limited',
      retryAfter: 60,
    })
  })

  test('a POST that times out is ambiguous, a GET that times out is retryable', async ({
    assert,
    cleanup,
  }) => {
    const { server, baseUrl } = await startServer(() => {
      /* never answers */
    })
    cleanup(() => {
      server.closeAllConnections()
      return close(server)
    })
    const client = new HttpClient({ baseUrl, timeoutMs: 200 })
    assert.equal(
      (await client.send({ method: 'POST', url: '/statuses', json: {} })).status,
      'ambiguous'
    )
    assert.deepInclude(await client.send({ url: '/statuses/1' }), {
      status: 'error',
      retryable: true,
    })
  })

  test('a refused connection was never sent, so it is retryable even for POST', async ({
    assert,
  }) => {
    const { server, baseUrl } = await startServer(() => {})
    await close(server)
    const result = await new HttpClient({ baseUrl }).send({
      method: 'POST',
      url: '/statuses',
      json: {},
    })
    assert.deepInclude(result, { status: 'error', retryable: true })
  })

  test('array query values repeat the key', async ({ assert, cleanup }) => {
    const { server, baseUrl } = await startServer((req, res) =>
      res.end(JSON.stringify({ url: req.url }))
    )
    cleanup(() => close(server))
    const result = await new HttpClient({ baseUrl }).send<{ url: string }>({
      url: '/posts',
      query: { uris: ['a', 'b'], limit: 2 },
    })
    assert.equal(result.status === 'ok' && result.value.body.url, '/posts?uris=a&uris=b&limit=2')
  })

  test('rate-limit reset headers in epoch seconds or delta are understood', ({ assert }) => {
    const now = 1_700_000_000_000
    assert.equal(
      retryAfterSeconds(new Headers({ 'x-rate-limit-reset': String(now / 1000 + 90) }), now),
      90
    )
    assert.equal(retryAfterSeconds(new Headers({ 'ratelimit-reset': '30' }), now), 30)
    assert.equal(retryAfterSeconds(new Headers(), now), 60)
  })
})
