import { test } from '@japa/runner'
import type { Assert } from '@japa/assert'
import db from '@adonisjs/lucid/services/db'
import type { LucidModel, LucidRow } from '@adonisjs/lucid/types/model'
import Delivery from '#models/delivery'
import Post from '#models/post'
import SocialAccount from '#models/social_account'
import { consumeRow, modelFromRow } from '#services/publishing/row_models'
import { updateReturningRows } from '#services/publishing/settings'
import { withCleanState } from '#tests/helpers/database'
import { draft, withWorld } from './_fixtures.js'

/** Attributes or originals as comparable values (luxon values by their instant). */
const plain = (values: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(values).map(([key, value]) => [
      key,
      value && typeof value === 'object' && 'toISO' in value
        ? (value as { toISO: () => string }).toISO()
        : value,
    ])
  )

function assertSameModel(assert: Assert, fast: LucidRow, lucid: LucidRow) {
  assert.deepEqual(plain(fast.$attributes), plain(lucid.$attributes))
  assert.deepEqual(plain(fast.$original), plain(lucid.$original))
  assert.isTrue(fast.$isPersisted)
  assert.isFalse(fast.$isLocal)
  assert.isFalse(fast.$isDirty)
}

/**
 * The publish path builds its delivery, post and account from rows without Lucid's own
 * hydration (row_models.ts, for CPU): the models must be the ones Lucid would have made,
 * down to what counts as a change when one is saved afterwards.
 */
test.group('Publishing row models', (group) => {
  withCleanState(group)
  const world = withWorld(group)

  test('a row gives the same delivery, post and account as Lucid', async ({ assert }) => {
    const { post } = await draft(world, [{ socialAccountId: world.accounts.mastodon.id }])
    const [delivery] = await Delivery.query().where('post_id', post.id)
    const models: [LucidModel, string, number][] = [
      [Delivery, 'deliveries', delivery.id],
      [Post, 'posts', post.id],
      [SocialAccount, 'social_accounts', world.accounts.mastodon.id],
    ]
    for (const [model, table, id] of models) {
      const row = await db.from(table).where('id', id).firstOrFail()
      assertSameModel(assert, modelFromRow(model, row), model.$createFromAdapterResult(row)!)
      // The same from a joined row's prefixed columns.
      const prefixed = Object.fromEntries(Object.entries(row).map(([k, v]) => [`x__${k}`, v]))
      assertSameModel(
        assert,
        modelFromRow(model, prefixed, 'x'),
        model.$createFromAdapterResult(row)!
      )
    }
  })

  test('a JSON column changed in place is saved, and a settled row becomes the originals', async ({
    assert,
  }) => {
    const { post } = await draft(world, [{ socialAccountId: world.accounts.mastodon.id }])
    const [{ id }] = await Delivery.query().where('post_id', post.id)
    const delivery = modelFromRow(
      Delivery,
      await db.from('deliveries').where('id', id).firstOrFail()
    )
    delivery.options.visibility = 'unlisted'
    assert.isTrue(delivery.$isDirty)
    await delivery.save()
    assert.deepEqual((await Delivery.findOrFail(id)).options, { visibility: 'unlisted' })

    const [row] = await updateReturningRows(db.from('deliveries').where('id', id), {
      attempts: 3,
      external_id: 'n-1',
    })
    consumeRow(delivery, row)
    const lucid = await Delivery.findOrFail(id)
    assert.equal(delivery.attempts, 3)
    assert.equal(delivery.externalId, 'n-1')
    assertSameModel(assert, delivery, lucid)
  })
})
