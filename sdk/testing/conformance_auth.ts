import { test } from '@japa/runner'
import { isRevocable } from '../capabilities.js'
import { connectThroughFake } from './connect.js'
import type { KitHarness } from './conformance_harness.js'

/**
 * Connecting, picking accounts, refreshing and revoking tokens.
 */
export function authTests<O>(h: KitHarness<O>) {
  const { plugin } = h.subject
  const caps = plugin.capabilities

  test('connect yields a profile and a token', ({ assert }) => {
    assert.isNotEmpty(h.connection.profile.externalId)
    assert.isNotEmpty(h.connection.profile.handle)
    assert.isNotEmpty(h.connection.token.accessToken)
    assert.isTrue(h.fake.isTokenValid(h.connection.token.accessToken))
  })

  test('a picker login yields several accounts of one grant, each usable on its own', async ({
    assert,
  }) => {
    if (plugin.auth.kind !== 'oauth2' || !plugin.auth.picker)
      return assert.isNotTrue(plugin.auth.picker)
    // The fake's login must offer a real choice, or the app's picker step goes untested.
    const connections = await connectThroughFake(plugin, h.fake)
    assert.equal(connections.status, 'ok')
    if (connections.status !== 'ok') return
    assert.isAtLeast(connections.value.length, 2, "a picker network's fake must offer 2+ accounts")
    const ids = connections.value.map((candidate) => candidate.profile.externalId)
    assert.lengthOf(new Set(ids), ids.length, 'external ids must be distinct')
    const grants = new Set(connections.value.map((candidate) => candidate.profile.grant))
    assert.lengthOf(grants, 1, 'accounts of one login carry the same grant key')
    assert.isString([...grants][0], 'picker accounts declare their grant (AccountProfile.grant)')
    for (const candidate of connections.value) {
      const outcome = await h.publish({
        ...h.publishContext({ text: `Posted as ${candidate.profile.displayName}` }),
        account: candidate.profile,
        token: candidate.token,
      })
      assert.equal(
        outcome.status,
        'ok',
        `${candidate.profile.externalId} publishes with its own token: ${JSON.stringify(outcome)}`
      )
    }
  })

  test('refresh gives a working token, or the network has no expiry', async ({ assert }) => {
    const refresh = plugin.auth.refresh
    if (caps.tokens?.expires === false) {
      // Declared: a bot token, an API key or a webhook URL stays valid until the user changes it.
      assert.isNull(h.connection.token.expiresAt ?? null, 'tokens.expires is false: no expiry')
      assert.isNull(
        h.connection.token.refreshToken ?? null,
        'tokens.expires is false: no refresh token'
      )
      return
    }
    if (!refresh) {
      assert.isNull(
        h.connection.token.expiresAt ?? null,
        'a token that expires needs a refresh hook'
      )
      return
    }
    if (h.subject.refreshWhileValid)
      h.fake.ageToken?.(h.connection.token.accessToken, 2 * 24 * 3600_000)
    else h.fake.expireAccessToken(h.connection.token.accessToken)
    const refreshed = await refresh.call(plugin.auth, h.accountContext())
    assert.equal(refreshed.status, 'ok')
    if (refreshed.status === 'ok') assert.isTrue(h.fake.isTokenValid(refreshed.value.accessToken))
  })

  test('revoke makes the token useless', async ({ assert }) => {
    // A network with no revocation endpoint says so; the app then only deletes the token locally.
    if (!isRevocable(caps)) return assert.isFalse(isRevocable(caps))
    assert.isFunction(plugin.auth.revoke, 'a revocable network needs auth.revoke')
    const revoked = await plugin.auth.revoke!.call(plugin.auth, h.accountContext())
    assert.equal(revoked.status, 'ok')
    assert.isFalse(h.fake.isTokenValid(h.connection.token.accessToken))
    assert.equal((await h.publish(h.publishContext({}))).status, 'unauthorized')
  })
}
