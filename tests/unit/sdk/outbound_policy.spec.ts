import { test } from '@japa/runner'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { HttpClient, OutboundPolicy, OutboundRefusedError, type OutboundLookup } from '#sdk'

/** An HTTP server on `host` (a port of its own, or the one given) that records who called. */
async function listen(host: string, port = 0) {
  const hits: string[] = []
  const server: Server = createServer((request, response) => {
    hits.push(request.url ?? '')
    if (request.url === '/to-trap') {
      response.writeHead(302, { location: String(request.headers['x-location']) }).end()
      return
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(`{"host":"${host}"}`)
  })
  await new Promise<void>((resolve) => server.listen(port, host, resolve))
  return {
    port: (server.address() as AddressInfo).port,
    hits,
    close: () => {
      server.closeAllConnections()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** A resolver that answers from a script, one answer per call (the last one repeats). */
function scriptedLookup(script: Record<string, string[][]>) {
  const calls: string[] = []
  const lookup: OutboundLookup = async (hostname) => {
    calls.push(hostname)
    const answers = script[hostname] ?? []
    const answer =
      answers[Math.min(calls.filter((h) => h === hostname).length - 1, answers.length - 1)]
    return (answer ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))
  }
  return { lookup, calls }
}

test.group('SDK / outbound address policy', () => {
  test('refuses {$self}')
    .with([
      'http://127.0.0.1/',
      'http://127.1/',
      'http://0x7f.1/',
      'http://2130706433/',
      'http://0177.0.0.1/',
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[::ffff:7f00:1]/',
      'http://[::127.0.0.1]/',
      'http://[64:ff9b::a00:1]/',
      'http://[2002:a00:1::]/',
      'http://0.0.0.0/',
      'http://[::]/',
      'http://10.1.2.3/',
      'http://172.31.255.255/',
      'http://192.168.0.10/',
      'http://100.64.0.1/',
      'http://100.127.255.254/',
      'http://169.254.169.254/latest/meta-data/',
      'http://[fe80::1]/',
      'http://[fd00::1]/',
      'http://[fc00::1]/',
      'http://224.0.0.251/',
      'http://[ff02::1]/',
      'http://255.255.255.255/',
      'http://198.18.0.1/',
      'http://localhost/',
    ])
    .run(async ({ assert }, url) => {
      const verdict = await new OutboundPolicy().check(url)
      assert.isFalse(verdict.ok)
      if (!verdict.ok) assert.equal(verdict.reason, 'forbidden_address')
    })

  test('accepts public addresses; refuses other schemes and credentials', async ({ assert }) => {
    const policy = new OutboundPolicy()
    for (const url of ['https://93.184.215.14/', 'http://[2606:4700:4700::1111]:8443/x'])
      assert.isTrue((await policy.check(url)).ok, url)
    const reasons = await Promise.all(
      [
        'file:///etc/passwd',
        'gopher://127.0.0.1:6379/_INFO',
        'http://u:p@93.184.215.14/',
        'nope',
      ].map(async (url) => {
        const verdict = await policy.check(url)
        return verdict.ok ? 'ok' : verdict.reason
      })
    )
    assert.deepEqual(reasons, [
      'forbidden_scheme',
      'forbidden_scheme',
      'invalid_url',
      'invalid_url',
    ])
  })

  test('a name is refused when any of its answers is private', async ({ assert }) => {
    const { lookup } = scriptedLookup({
      'rebind.example': [['93.184.215.14', '10.0.0.5']],
      'inside.example': [['127.0.0.1']],
      'v6.example': [['::ffff:169.254.169.254']],
      'fine.example': [['93.184.215.14', '2606:4700:4700::1111']],
    })
    const policy = new OutboundPolicy({ lookup })
    for (const host of ['rebind.example', 'inside.example', 'v6.example'])
      assert.isFalse((await policy.check(`https://${host}/`)).ok, host)
    const fine = await policy.check('https://fine.example/')
    assert.isTrue(fine.ok)
    if (fine.ok) assert.equal(fine.address, '93.184.215.14')
  })

  test('allow() lets exactly one host:port through, until taken back', async ({ assert }) => {
    const policy = new OutboundPolicy()
    const revoke = policy.allow('127.0.0.1:5432')
    assert.isTrue((await policy.check('http://127.0.0.1:5432/')).ok)
    assert.isTrue((await policy.check('http://2130706433:5432/')).ok, 'same socket, other spelling')
    assert.isFalse((await policy.check('http://127.0.0.1:6379/')).ok, 'another port')
    assert.isFalse((await policy.check('http://127.0.0.2:5432/')).ok, 'another address')
    revoke()
    assert.isFalse((await policy.check('http://127.0.0.1:5432/')).ok)
    assert.throws(() => policy.allow('127.0.0.1'), /exact host:port/)
  })

  test('the HTTP client polices every origin it was not built for, the same in every environment', async ({
    assert,
    cleanup,
  }) => {
    const internal = await listen('127.0.0.1')
    cleanup(internal.close)
    const policy = new OutboundPolicy()
    cleanup(() => policy.close())
    const fixed = new HttpClient({ baseUrl: `http://127.0.0.1:${internal.port}`, outbound: policy })
    assert.equal((await fixed.send({ url: '/configured' })).status, 'ok')

    const chosen = new HttpClient({ baseUrl: 'https://api.example', outbound: policy }).withBaseUrl(
      `http://127.0.0.1:${internal.port}`
    )
    const refused = await chosen.send({ method: 'POST', url: '/typed', json: {} })
    assert.equal(refused.status, 'error')
    if (refused.status === 'error') {
      assert.equal(refused.code, 'forbidden_address')
      assert.isFalse(refused.retryable)
    }
    const absolute = await fixed.send({ url: `http://localhost:${internal.port}/answered` })
    assert.equal(absolute.status, 'error')
    assert.deepEqual(internal.hits, ['/configured'])
  })

  test('a redirect to a private address is refused, followed or not', async ({
    assert,
    cleanup,
  }) => {
    const trap = await listen('127.0.0.1')
    const front = await listen('127.0.0.1')
    cleanup(trap.close)
    cleanup(front.close)
    const policy = new OutboundPolicy()
    cleanup(() => policy.close())
    cleanup(policy.allow(`127.0.0.1:${front.port}`))
    const headers = { 'x-location': `http://127.0.0.1:${trap.port}/internal` }

    const client = new HttpClient({ baseUrl: 'https://api.example', outbound: policy })
    const answer = await client.send({ url: `http://127.0.0.1:${front.port}/to-trap`, headers })
    assert.equal(answer.status, 'error')
    if (answer.status === 'error') assert.equal(answer.code, 'http_302')

    const followed = await policy
      .fetch(`http://127.0.0.1:${front.port}/to-trap`, { headers, redirect: 'follow' })
      .then(
        () => null,
        (error) => error.cause
      )
    assert.instanceOf(followed, OutboundRefusedError)
    assert.lengthOf(front.hits, 2)
    assert.lengthOf(trap.hits, 0)
  })

  test('the connection is pinned to the checked address: the system resolver is never asked', async ({
    assert,
    cleanup,
  }) => {
    // The system says localhost is 127.0.0.1, where an internal service listens. The policy's
    // resolver says 127.0.0.2, the only address allowed. A client that checked one answer
    // and let the socket resolve the name again would land on the internal service.
    const internal = await listen('127.0.0.1')
    const allowed = await listen('127.0.0.2', internal.port)
    cleanup(internal.close)
    cleanup(allowed.close)
    const { lookup, calls } = scriptedLookup({ localhost: [['127.0.0.2']] })
    const policy = new OutboundPolicy({ lookup })
    cleanup(() => policy.close())
    cleanup(policy.allow(`127.0.0.2:${internal.port}`))

    const client = new HttpClient({ baseUrl: 'https://api.example', outbound: policy })
    const answer = await client.send<{ host: string }>({
      url: `http://localhost:${internal.port}/pinned`,
    })
    assert.equal(answer.status, 'ok')
    if (answer.status === 'ok') assert.equal(answer.value.body.host, '127.0.0.2')
    assert.deepEqual(allowed.hits, ['/pinned'])
    assert.lengthOf(internal.hits, 0)
    assert.deepEqual(calls, ['localhost'])
  })

  test('an answer that changes between the check and the connection cannot switch the address', async ({
    assert,
    cleanup,
  }) => {
    const internal = await listen('127.0.0.1')
    const allowed = await listen('127.0.0.2', internal.port)
    cleanup(internal.close)
    cleanup(allowed.close)
    // First answer: the allowed address (the form's check passes). Then: the internal one.
    const { lookup } = scriptedLookup({ 'rebind.example': [['127.0.0.2'], ['127.0.0.1']] })
    const policy = new OutboundPolicy({ lookup })
    cleanup(() => policy.close())
    cleanup(policy.allow(`127.0.0.2:${internal.port}`))

    const url = `http://rebind.example:${internal.port}/later`
    assert.isTrue((await policy.check(url)).ok)
    const later = await new HttpClient({ baseUrl: 'https://api.example', outbound: policy }).send({
      url,
    })
    assert.equal(later.status, 'error')
    if (later.status === 'error') assert.equal(later.code, 'forbidden_address')
    assert.lengthOf(internal.hits, 0)
    assert.lengthOf(allowed.hits, 0)
  })
})
