import { test } from '@japa/runner'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { HttpClient } from '#sdk/http'
import { failed } from '#sdk/results'
import { REDACTED, redactReason, redactText, redactUrl } from '#sdk/redact'

/** Shaped like the secrets the project and the networks issue (base64url, hex, bot tokens). */
const SECRETS = {
  base64url: 'Qm9vbS1zZWNyZXQtdG9rZW4tMTIzNDU2Nzg5MGFiY2RlZg',
  hex: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  bot: '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw',
  webhook: 'kQ3xv0Zt9rLw2YbN8cPfUe7mJ1sHdGa4',
}

test.group('SDK redaction', () => {
  test('a URL loses its userinfo, fragment, credential query values and secret path segments', ({
    assert,
  }) => {
    const url = `https://bot:${SECRETS.hex}@hooks.example.com/api/webhooks/1234567890/${SECRETS.webhook}?access_token=${SECRETS.base64url}&page=2&code=abc123&state=xyz#access_token=${SECRETS.base64url}`
    const shown = redactUrl(url)
    for (const secret of [...Object.values(SECRETS), 'abc123', 'xyz'])
      assert.notInclude(shown, secret)
    assert.equal(
      shown,
      `https://hooks.example.com/api/webhooks/1234567890/${REDACTED}?access_token=${REDACTED}&page=2&code=${REDACTED}&state=${REDACTED}`
    )
  })

  test('ids, words and URNs stay readable', ({ assert }) => {
    for (const url of [
      'https://graph.facebook.com/v25.0/1234567890123/feed',
      'https://bsky.social/xrpc/com.atproto.repo.createRecord',
      'https://api.linkedin.com/rest/socialActions/urn:li:share:7012345678901234567/likes',
      'https://mastodon.example/api/v1/statuses/113456789012345678',
    ])
      assert.equal(redactUrl(url), url)
  })

  test('free text: URLs, bare paths, Bearer values, key=value and JSON credential fields', ({
    assert,
  }) => {
    const text = [
      `Cannot GET:/reset-password/${SECRETS.base64url}`,
      `POST https://api.telegram.org/bot${SECRETS.bot}/sendMessage failed`,
      `Authorization: Bearer ${SECRETS.hex}`,
      `callback /oauth/x/callback?code=c0de&state=st4te`,
      `"refresh_token":"${SECRETS.webhook}","name":"kept"`,
      `client_secret=${SECRETS.base64url} grant_type=refresh_token`,
    ].join('\n')
    const shown = redactText(text)
    for (const secret of [...Object.values(SECRETS), 'c0de', 'st4te'])
      assert.notInclude(shown, secret)
    assert.include(shown, '"name":"kept"')
    assert.include(shown, 'grant_type=refresh_token')
  })

  test('a JSON log line stays valid JSON after redaction', ({ assert }) => {
    const line = JSON.stringify({
      msg: `GET /invitations/${SECRETS.base64url} failed`,
      err: { stack: `Error: boom\n    at https://x.test/a?token=${SECRETS.hex}\n` },
      nested: { deeper: { accessToken: SECRETS.webhook } },
    })
    const shown = redactText(line)
    const parsed = JSON.parse(shown)
    assert.notInclude(shown, SECRETS.base64url)
    assert.notInclude(shown, SECRETS.hex)
    assert.equal(parsed.nested.deeper.accessToken, REDACTED)
  })

  test('a reason loses a token the network echoed in prose', ({ assert }) => {
    assert.notInclude(
      redactReason(`Invalid OAuth access token ${SECRETS.base64url}.`),
      SECRETS.base64url
    )
    assert.equal(
      failed(`token ${SECRETS.hex} was revoked`, false).reason,
      `token ${REDACTED} was revoked`
    )
    assert.equal(
      redactReason('r/pics requires a flair; choose one of: OC, Meme'),
      'r/pics requires a flair; choose one of: OC, Meme'
    )
  })
})

async function startServer(handler: Parameters<typeof createServer>[1]) {
  const server = createServer(handler)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { server, baseUrl: `http://127.0.0.1:${port}` }
}
const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()))

test.group('SDK HTTP client reasons carry no credential', () => {
  test('every failure reason masks path secrets, query tokens, userinfo and echoed tokens', async ({
    assert,
    cleanup,
  }) => {
    const { server, baseUrl } = await startServer((req, res) => {
      const status = Number(new URL(req.url!, 'http://x').searchParams.get('status'))
      if (status === 0) return req.socket.destroy()
      res.statusCode = status
      res.setHeader('content-type', 'application/json')
      // A careless network: it quotes the credential it refused.
      res.end(JSON.stringify({ error: { message: `bad token ${SECRETS.hex} for this hook` } }))
    })
    cleanup(() => close(server))
    const withUserinfo = baseUrl.replace('http://', `http://user:${SECRETS.bot}@`)
    const client = new HttpClient({ baseUrl: withUserinfo, timeoutMs: 2000 })
    const reasons: string[] = []
    for (const status of [400, 401, 429, 500, 0]) {
      for (const method of ['GET', 'POST'] as const) {
        const result = await client.send({
          method,
          url: `/api/webhooks/1234567890/${SECRETS.webhook}`,
          query: { status, access_token: SECRETS.base64url },
          bearer: SECRETS.hex,
        })
        assert.notEqual(result.status, 'ok')
        if (result.status !== 'ok' && 'reason' in result) reasons.push(result.reason)
      }
    }
    assert.lengthOf(reasons, 10)
    for (const reason of reasons) {
      for (const secret of Object.values(SECRETS)) assert.notInclude(reason, secret)
      assert.include(reason, '/api/webhooks/1234567890/')
    }
  })
})
