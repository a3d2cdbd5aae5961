import { test } from '@japa/runner'
import { reconcileLevel } from '../capabilities.js'
import { contextFor } from './connect.js'
import type { KitHarness } from './conformance_harness.js'

/**
 * Lost answers and retries: an ambiguous publish is settled by the lookup hook, and a
 * repeated idempotency key makes no second post.
 */
export function reconcileTests<O>(h: KitHarness<O>) {
  const { plugin } = h.subject
  const caps = plugin.capabilities

  test('a timeout after sending is ambiguous, and the lookup hook can reconcile it', async ({
    assert,
  }) => {
    const target = h.subject.ambiguousRequest
    h.fake.server.failNext(
      target?.path ?? h.fake.publishPath,
      { kind: 'lose_response' },
      target?.method
    )
    const ctx = h.publishContext({ text: 'Did this go out?' }, 300)
    const outcome = await h.publish(ctx)
    // A network protocol may settle the question itself (a resumable upload asks its session).
    if (outcome.status === 'ok') {
      assert.equal(h.fake.storedPost(outcome.value.externalId)?.text, 'Did this go out?')
      return
    }
    assert.equal(outcome.status, 'ambiguous')
    const level = reconcileLevel(caps, plugin)
    if (caps.reconcile === false) {
      // Declared: the network cannot be asked (a webhook); the app marks the delivery unknown
      // and says why. Declaring it and shipping a lookup anyway would be a contradiction.
      assert.isUndefined(plugin.findByIdempotencyKey, 'reconcile is false but a lookup exists')
      return
    }
    assert.isFunction(
      plugin.findByIdempotencyKey,
      'a plugin reconciles an ambiguous publish, or declares capabilities.reconcile: false'
    )
    const found = await plugin.findByIdempotencyKey!({ ...ctx, http: contextFor(h.fake).http })
    assert.equal(found.status, 'ok')
    if (found.status !== 'ok') return
    assert.isNotNull(found.value, 'the post the network made must be found')
    assert.equal(h.fake.storedPost(found.value!.externalId)?.text, 'Did this go out?')
    if (level === 'authoritative') {
      // "Not found" is trusted enough to publish again: it must really mean not found.
      const never = h.publishContext({ text: 'Never sent' })
      const missing = await plugin.findByIdempotencyKey!({
        ...never,
        http: contextFor(h.fake).http,
      })
      assert.deepEqual(missing, { status: 'ok', value: null }, 'an authoritative lookup')
    }
  })

  test('retrying with the same idempotency key does not duplicate, where the network supports keys', async ({
    assert,
  }) => {
    if (!caps.idempotencyKey) return assert.isFalse(caps.idempotencyKey)
    const ctx = h.publishContext({ text: 'Only once, please' })
    const first = await h.publish(ctx)
    const second = await h.publish(ctx)
    assert.equal(first.status, 'ok')
    assert.equal(second.status, 'ok')
    if (first.status === 'ok' && second.status === 'ok')
      assert.equal(second.value.externalId, first.value.externalId)
  })
}
