import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import EvergreenItem from '#models/evergreen_item'
import EvergreenSend from '#models/evergreen_send'
import Post from '#models/post'
import PostingSlot from '#models/posting_slot'
import { fillEvergreen } from '#actions/evergreen/fill_evergreen'
import { textHash } from '#services/evergreen/pick_variant'
import { evergreenSettings } from '#services/evergreen/settings'
import { withCleanState } from '#tests/helpers/database'
import { makeDesk, type Desk } from '#tests/functional/posts/_fixtures'

test.group('Evergreen queue', (group) => {
  withCleanState(group)
  let desk: Desk
  group.each.setup(async () => {
    desk = await makeDesk()
    await desk.workspace.merge({ timezone: 'Europe/Paris' }).save()
  })

  test('two weeks of rotation: gaps per post and per account, never an identical text where the network refuses it', async ({
    assert,
    cleanup,
  }) => {
    const saved = { ...evergreenSettings }
    cleanup(() => void Object.assign(evergreenSettings, saved))
    Object.assign(evergreenSettings, { accountGapHours: 12, horizonDays: 1 })
    // Every day at 09:00 and 18:00, Paris time.
    await PostingSlot.createMany(
      [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) =>
        ['09:00', '18:00'].map((time) => ({ workspaceId: desk.workspace.id, weekday, time }))
      )
    )
    const targets = [desk.mastodon.id, desk.x.id]
    const croissant = await EvergreenItem.create({
      workspaceId: desk.workspace.id,
      createdById: desk.owner.id,
      variants: [
        'Our pistachio croissant, every morning 🥐',
        'Pistachio croissants: still warm at 8',
      ],
      targetAccountIds: targets,
      minGapDays: 3,
      lastSentAt: null,
      active: true,
    })
    const loaf = await EvergreenItem.create({
      workspaceId: desk.workspace.id,
      createdById: desk.owner.id,
      variants: ['Sourdough loaves, baked daily'],
      targetAccountIds: targets,
      minGapDays: 2,
      lastSentAt: null,
      active: true,
    })

    // The job runs each day for two weeks (a day ahead each time), from tomorrow on.
    const start = DateTime.now().setZone('Europe/Paris').plus({ days: 1 }).startOf('day').toUTC()
    for (let day = 0; day < 14; day++)
      await fillEvergreen(desk.workspace, start.plus({ days: day }))

    const sends = await EvergreenSend.query().orderBy('slot_at').orderBy('id')
    const included = sends.filter((send) => !send.skippedReason)
    assert.isAbove(included.length, 8)

    for (const item of [croissant, loaf]) {
      const times = [
        ...new Set(included.filter((s) => s.itemId === item.id).map((s) => s.slotAt.toMillis())),
      ]
      assert.isAtLeast(times.length, 2)
      for (let i = 1; i < times.length; i++)
        assert.isAtLeast(
          times[i] - times[i - 1],
          item.minGapDays * 86_400_000,
          `item ${item.id} respects its gap`
        )
    }
    for (const account of [desk.mastodon, desk.x]) {
      const times = included
        .filter((s) => s.socialAccountId === account.id)
        .map((s) => s.slotAt.toMillis())
      for (let i = 1; i < times.length; i++)
        assert.isAtLeast(times[i] - times[i - 1], 12 * 3_600_000, `${account.network} gap`)
    }

    // X refuses repeated text: it got each distinct text at most once, then was left out with a reason.
    const toX = included.filter((s) => s.socialAccountId === desk.x.id)
    assert.equal(new Set(toX.map((s) => s.textHash)).size, toX.length)
    assert.sameMembers(
      toX.map((s) => s.textHash),
      [
        textHash('Our pistachio croissant, every morning 🥐'),
        textHash('Pistachio croissants: still warm at 8'),
        textHash('Sourdough loaves, baked daily'),
      ]
    )
    assert.isTrue(
      sends.some((s) => s.socialAccountId === desk.x.id && s.skippedReason === 'duplicate_text')
    )
    // Mastodon accepts repeats: it keeps getting both items, variants in rotation.
    const toMastodon = included.filter((s) => s.socialAccountId === desk.mastodon.id)
    assert.isAbove(toMastodon.length, toX.length)

    // Each send is a scheduled post of its own, in a free slot, with the text chosen per account.
    const posts = await Post.query()
      .whereIn('id', [...new Set(included.map((s) => s.postId!))])
      .preload('deliveries')
    assert.isTrue(posts.every((post) => post.status === 'scheduled'))
    const slots = posts.map((post) => post.scheduledAt!.toMillis())
    assert.equal(new Set(slots).size, slots.length, 'one post per slot')
    const lastToX = posts
      .flatMap((post) => post.deliveries)
      .filter((d) => d.socialAccountId === desk.x.id)
      .map((d) => textHash(d.text ?? ''))
    assert.equal(new Set(lastToX).size, lastToX.length)
  }).timeout(60_000)
})
