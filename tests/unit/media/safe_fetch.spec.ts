import { test } from '@japa/runner'
import { createServer, type Server } from 'node:http'
import { readFile, rm } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { lookup } from 'node:dns/promises'
import { isForbiddenAddress, OutboundPolicy } from '#sdk'
import { SafeFetchError, safeFetchToFile, type SafeFetchOptions } from '#services/safe_fetch'

const PNG = Buffer.from('89504e470d0a1a0a', 'hex')

/** A local server standing in for "the internet"; routes chosen by path. */
async function startServer() {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url!, 'http://x')
    if (url.pathname === '/image.png')
      return res.writeHead(200, { 'content-type': 'image/png' }).end(PNG)
    if (url.pathname === '/to-metadata')
      return res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end()
    if (url.pathname === '/to-localhost')
      return res.writeHead(301, { location: 'http://localhost:1/' }).end()
    if (url.pathname === '/loop') return res.writeHead(302, { location: '/loop' }).end()
    if (url.pathname === '/hop') return res.writeHead(302, { location: '/image.png' }).end()
    if (url.pathname === '/html')
      return res.writeHead(200, { 'content-type': 'text/html' }).end('<script>alert(1)</script>')
    if (url.pathname === '/big') {
      res.writeHead(200, { 'content-type': 'image/png' })
      res.write(Buffer.alloc(64 * 1024))
      return res.end(Buffer.alloc(64 * 1024))
    }
    if (url.pathname === '/slow') {
      res.writeHead(200, { 'content-type': 'image/png' })
      return void setTimeout(() => res.end(PNG), 3000)
    }
    res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return { server, port }
}

async function refusal(promise: Promise<unknown>) {
  try {
    const result = (await promise) as { path?: string }
    if (result?.path) await rm(result.path, { force: true })
  } catch (error) {
    if (error instanceof SafeFetchError) return error.code
    throw error
  }
  return 'fetched'
}

test.group('Media / SSRF-safe fetcher', (group) => {
  let server: Server
  let port: number
  const base: SafeFetchOptions = { maxBytes: 100_000, timeoutMs: 2000 }
  /**
   * `public.test` plays a public host that is really our local server: a policy of its own
   * resolves that name to 127.0.0.1 and allows exactly 127.0.0.1:<port>; every other name
   * goes through the system resolver and the same rules as everywhere.
   */
  const withFakePublicHost: SafeFetchOptions = { ...base }

  group.setup(async () => {
    ;({ server, port } = await startServer())
    const policy = new OutboundPolicy({
      lookup: async (host) =>
        host === 'public.test'
          ? [{ address: '127.0.0.1', family: 4 }]
          : lookup(host, { all: true, verbatim: true }),
    })
    policy.allow(`127.0.0.1:${port}`)
    withFakePublicHost.outbound = policy
    return async () => {
      await policy.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  })

  test('refuses {$self}')
    .with([
      'http://2130706433/',
      'http://0177.0.0.1/',
      'http://0x7f.0.0.1/',
      'http://127.1/',
      'http://[::ffff:127.0.0.1]/',
      'http://[::1]/',
      'http://[fe80::1]/',
      'http://[fd00::1]/',
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.1/',
      'http://192.168.1.1/',
      'http://100.64.0.1/',
      'http://224.0.0.1/',
      'http://0.0.0.0/',
      'http://[::]/',
      'http://[64:ff9b::7f00:1]/',
      'http://localhost/',
    ])
    .run(async ({ assert }, url) => {
      assert.equal(await refusal(safeFetchToFile(url, base)), 'forbidden_address')
    })

  test('refuses non-http schemes and credentials in the URL', async ({ assert }) => {
    assert.equal(await refusal(safeFetchToFile('file:///etc/passwd', base)), 'forbidden_scheme')
    assert.equal(await refusal(safeFetchToFile('ftp://example.com/x', base)), 'forbidden_scheme')
    assert.equal(
      await refusal(safeFetchToFile('gopher://127.0.0.1:6379/_INFO', base)),
      'forbidden_scheme'
    )
    assert.equal(
      await refusal(safeFetchToFile('http://user:pass@public.test/', withFakePublicHost)),
      'invalid_url'
    )
    assert.equal(await refusal(safeFetchToFile('not a url', base)), 'invalid_url')
  })

  test('connects to the pinned address and downloads within limits', async ({ assert }) => {
    // public.test does not exist in DNS: only the pinned address can have been used.
    const file = await safeFetchToFile(`http://public.test:${port}/hop`, withFakePublicHost)
    assert.equal(file.contentType, 'image/png')
    assert.equal(file.name, 'image.png')
    assert.deepEqual(await readFile(file.path), PNG)
    await rm(file.path)
  })

  test('re-checks every redirect: a hop to 169.254.169.254 or localhost is refused', async ({
    assert,
  }) => {
    assert.equal(
      await refusal(safeFetchToFile(`http://public.test:${port}/to-metadata`, withFakePublicHost)),
      'forbidden_address'
    )
    assert.equal(
      await refusal(safeFetchToFile(`http://public.test:${port}/to-localhost`, withFakePublicHost)),
      'forbidden_address'
    )
  })

  test('stops after the maximum number of redirects', async ({ assert }) => {
    assert.equal(
      await refusal(
        safeFetchToFile(`http://public.test:${port}/loop`, {
          ...withFakePublicHost,
          maxRedirects: 5,
        })
      ),
      'too_many_redirects'
    )
  })

  test('enforces the content type, the size and the time limits', async ({ assert }) => {
    const images = {
      ...withFakePublicHost,
      acceptContentTypes: (type: string) => type.startsWith('image/'),
    }
    assert.equal(
      await refusal(safeFetchToFile(`http://public.test:${port}/html`, images)),
      'bad_content_type'
    )
    assert.equal(
      await refusal(
        safeFetchToFile(`http://public.test:${port}/big`, { ...images, maxBytes: 100_000 })
      ),
      'too_large'
    )
    assert.equal(
      await refusal(
        safeFetchToFile(`http://public.test:${port}/slow`, { ...images, timeoutMs: 300 })
      ),
      'timeout'
    )
    assert.equal(
      await refusal(safeFetchToFile(`http://public.test:${port}/missing`, images)),
      'http_status'
    )
  })

  test('the address guard covers every spelling of private ranges', ({ assert }) => {
    for (const address of [
      '127.0.0.1',
      '::1',
      '::ffff:7f00:1',
      '::ffff:8.8.8.8',
      '[::1]',
      'fe80::1%eth0',
      '169.254.169.254',
      '2002:7f00:1::',
      'not-an-ip',
    ]) {
      assert.isTrue(isForbiddenAddress(address), address)
    }
    for (const address of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111'])
      assert.isFalse(isForbiddenAddress(address), address)
  })
})
