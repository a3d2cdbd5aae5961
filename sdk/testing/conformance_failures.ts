import { test } from '@japa/runner'
import { looksLikeSecretSegment } from '../redact.js'
import { captureConsole } from './capture_console.js'
import type { KitHarness } from './conformance_harness.js'

/**
 * How network failures come back: the right result kind, and never a credential in a reason
 * or a log line.
 */
export function failureTests<O>(h: KitHarness<O>) {
  const { plugin } = h.subject

  test('maps 401 to unauthorized, 429 to rate_limited with retryAfter, 5xx to retryable', async ({
    assert,
  }) => {
    h.fake.server.failNext(h.fake.publishPath, { kind: 'status', status: 401 })
    assert.equal((await h.publish(h.publishContext({}))).status, 'unauthorized')

    h.fake.server.failNext(h.fake.publishPath, {
      kind: 'status',
      status: 429,
      headers: { 'retry-after': '42' },
    })
    assert.deepInclude(await h.publish(h.publishContext({})), {
      status: 'rate_limited',
      retryAfter: 42,
    })

    h.fake.server.failNext(h.fake.publishPath, { kind: 'status', status: 503 })
    assert.deepInclude(await h.publish(h.publishContext({})), { status: 'error', retryable: true })
  })

  test('no failure reason nor log line carries a credential, even one the network echoes', async ({
    assert,
  }) => {
    const secrets = [
      h.connection.token.accessToken,
      h.connection.token.refreshToken,
      h.fake.settings.clientSecret,
      // The secret fields of a credentials login (an app password), not its service URL.
      ...(plugin.auth.kind === 'credentials'
        ? plugin.auth.fields
            .filter((field) => field.secret)
            .map((f) => h.fake.credentials?.[f.name])
        : []),
    ].filter((value): value is string => typeof value === 'string' && value.length >= 8)
    // A careless network quotes the credential it refused in every field plugins read.
    const echo = `The access token ${h.connection.token.accessToken} is not valid`
    const json = { error: 'invalid_token', error_description: echo, message: echo, detail: echo }
    const lines = captureConsole()
    const reasons: string[] = []
    try {
      for (const fault of [
        { kind: 'status', status: 401, json },
        { kind: 'status', status: 400, json },
        { kind: 'status', status: 429, json, headers: { 'retry-after': '1' } },
        { kind: 'status', status: 503, json },
        { kind: 'lose_response' },
      ] as const) {
        h.fake.server.failNext(h.fake.publishPath, fault)
        const outcome = await h.publish(h.publishContext({ text: 'Will this fail?' }, 300))
        if ('reason' in outcome) reasons.push(outcome.reason)
      }
    } finally {
      lines.restore()
    }
    assert.isAtLeast(reasons.length, 4, 'the faults must produce failure reasons')
    // A credential in a URL (a webhook's path, a bot token segment) must not show either: reasons
    // never carry a whole URL, nor the random-looking segments of a secret URL field (its
    // numeric ids are public).
    const urlSecrets = secrets.flatMap((secret) =>
      /^https?:\/\//.test(secret)
        ? new URL(secret).pathname.split('/').filter(looksLikeSecretSegment)
        : []
    )
    for (const reason of reasons) {
      assert.notMatch(reason, /https?:\/\//, `a reason carries a URL: ${reason}`)
      for (const part of urlSecrets) assert.notInclude(reason, part, `reason: ${reason}`)
    }
    for (const secret of secrets) {
      for (const reason of reasons) assert.notInclude(reason, secret, `reason: ${reason}`)
      for (const line of lines.captured) assert.notInclude(line, secret, `log line: ${line}`)
    }
  })
}
