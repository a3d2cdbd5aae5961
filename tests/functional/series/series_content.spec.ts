import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import MediaAsset from '#models/media_asset'
import Post from '#models/post'
import PostMedia from '#models/post_media'
import type PostSeries from '#models/post_series'
import SeriesOccurrence from '#models/series_occurrence'
import type Workspace from '#models/workspace'
import { createSeries } from '#actions/series/create_series'
import { editFutureOccurrences } from '#actions/series/edit_future'
import { updatePost } from '#actions/posts/update_post'
import { reschedulePost } from '#actions/posts/reschedule_post'
import { withCleanState } from '#tests/helpers/database'
import { makeDesk, type Desk } from '#tests/functional/posts/_fixtures'
import { send } from '#tests/functional/workspaces/_helpers'

function photo(workspace: Workspace, name: string) {
  return MediaAsset.create({
    workspaceId: workspace.id,
    kind: 'image',
    originalName: name,
    mimeType: 'image/jpeg',
    bytes: 200_000,
    width: 1080,
    height: 1080,
    status: 'ready',
    storageKey: `w${workspace.id}/originals/${name}`,
    sha256: 'c'.repeat(64),
  })
}

/** Each occurrence's wall-clock name, post body and attached media (asset ids, in order). */
async function occurrences(seriesIds: number[]) {
  const rows = await SeriesOccurrence.query().whereIn('series_id', seriesIds).orderBy('occurs_at')
  const result = []
  for (const row of rows) {
    const post = await Post.findOrFail(row.postId)
    const media = await PostMedia.query().where('post_id', post.id).orderBy('position')
    result.push({
      local: row.occursAtLocal,
      body: post.body,
      media: media.map((m) => m.mediaAssetId),
      alt: media.map((m) => m.altText),
      detached: row.detached,
      postId: post.id,
      at: post.scheduledAt!.toMillis(),
    })
  }
  return result
}

test.group('Repeating posts / media and "edit this one"', (group) => {
  withCleanState(group)
  let desk: Desk
  group.each.setup(async () => {
    desk = await makeDesk()
    await desk.workspace.merge({ timezone: 'Europe/Paris' }).save()
  })

  test('every occurrence carries the series’ media, in order with its alt text; an "all future" edit changes it for the new half', async ({
    assert,
  }) => {
    const [loaf, tart, fig] = [
      await photo(desk.workspace, 'loaf.jpg'),
      await photo(desk.workspace, 'tart.jpg'),
      await photo(desk.workspace, 'fig.jpg'),
    ]
    const now = DateTime.fromISO('2027-03-01T06:00:00Z')
    const created = await createSeries({
      workspace: desk.workspace,
      actor: desk.owner,
      content: {
        rule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=4',
        startsAtLocal: '2027-03-01T09:00',
        body: 'Monday bake',
        targets: [{ socialAccountId: desk.mastodon.id }],
        media: [
          { mediaAssetId: tart.id, altText: 'A pistachio tart' },
          { mediaAssetId: loaf.id, altText: null },
        ],
      },
      now,
    })
    assert.equal(created.status, 'created')
    const series = (created as { series: PostSeries }).series
    const before = await occurrences([series.id])
    assert.lengthOf(before, 4)
    for (const one of before) {
      assert.deepEqual(one.media, [tart.id, loaf.id])
      assert.deepEqual(one.alt, ['A pistachio tart', null])
    }

    const edited = await editFutureOccurrences({
      series,
      actor: desk.owner,
      fromLocal: '2027-03-15T09:00',
      content: {
        rule: series.rule,
        startsAtLocal: '2027-03-15T09:00',
        body: 'Monday bake, with figs',
        targets: [{ socialAccountId: desk.mastodon.id }],
        media: [{ mediaAssetId: fig.id, altText: 'Figs' }],
      },
      now,
    })
    assert.equal(edited.status, 'created')
    const next = (edited as { series: PostSeries }).series
    const after = await occurrences([series.id, next.id])
    assert.deepEqual(
      after.map((o) => [o.local, o.body, o.media]),
      [
        ['2027-03-01T09:00', 'Monday bake', [tart.id, loaf.id]],
        ['2027-03-08T09:00', 'Monday bake', [tart.id, loaf.id]],
        ['2027-03-15T09:00', 'Monday bake, with figs', [fig.id]],
        ['2027-03-22T09:00', 'Monday bake, with figs', [fig.id]],
      ]
    )
  })

  test('media from another workspace, or not ready, is refused; nothing is made', async ({
    assert,
  }) => {
    const other = await makeDesk()
    const foreign = await photo(other.workspace, 'foreign.jpg')
    const processing = await photo(desk.workspace, 'processing.jpg')
    await processing.merge({ status: 'processing' }).save()
    for (const asset of [foreign, processing]) {
      const result = await createSeries({
        workspace: desk.workspace,
        actor: desk.owner,
        content: {
          rule: 'FREQ=DAILY',
          startsAtLocal: '2030-01-01T09:00',
          body: 'Daily bread',
          targets: [{ socialAccountId: desk.mastodon.id }],
          media: [{ mediaAssetId: asset.id }],
        },
      })
      assert.equal(result.status, 'unknown_media')
    }
    assert.lengthOf(await SeriesOccurrence.all(), 0)
    assert.lengthOf(await Post.all(), 0)
  })

  test('"edit this one" is recorded (edit or move), and a later change to the series keeps those occurrences as they were', async ({
    assert,
    client,
  }) => {
    // Far enough ahead that a calendar move is not into the past.
    const start = DateTime.now().setZone('Europe/Paris').plus({ days: 2 }).startOf('day')
    const created = await createSeries({
      workspace: desk.workspace,
      actor: desk.owner,
      content: {
        rule: 'FREQ=DAILY;COUNT=5',
        startsAtLocal: start.set({ hour: 9 }).toFormat("yyyy-MM-dd'T'HH:mm"),
        body: 'Daily bread',
        targets: [{ socialAccountId: desk.mastodon.id }],
      },
    })
    const series = (created as { series: PostSeries }).series
    const before = await occurrences([series.id])
    assert.isTrue(before.every((o) => !o.detached))

    // The second is edited on its own, through the composer's route.
    const editedViaRoute = await send(
      client,
      'put',
      `/w/${desk.workspace.slug}/posts/${before[1].postId}`,
      desk.owner,
      {
        body: 'Daily bread — rye today',
        targets: [{ socialAccountId: desk.mastodon.id }],
        media: [],
      }
    )
    assert.oneOf(editedViaRoute.status(), [302, 303])
    assert.equal((await Post.findOrFail(before[1].postId)).body, 'Daily bread — rye today')
    // The third is moved on the calendar (same text): an hour later.
    const moved = await reschedulePost({
      workspaceId: desk.workspace.id,
      postId: before[2].postId,
      actor: desk.owner,
      at: DateTime.fromMillis(before[2].at).plus({ hours: 1 }),
    })
    assert.equal(moved.status, 'moved')
    // The fourth is edited back to the very same text: still a choice made on its own.
    const same = await updatePost({
      post: await Post.findOrFail(before[3].postId),
      actor: desk.owner,
      body: 'Daily bread',
      targets: [{ socialAccountId: desk.mastodon.id }],
    })
    assert.equal(same.status, 'updated')
    assert.deepEqual(
      (await occurrences([series.id])).map((o) => o.detached),
      [false, true, true, true, false]
    )

    // "This and all future" from the first one: new text for every occurrence not edited on its own.
    const result = await editFutureOccurrences({
      series,
      actor: desk.owner,
      fromLocal: before[0].local,
      content: {
        rule: series.rule,
        startsAtLocal: before[0].local,
        body: 'Daily bread, now organic',
        targets: [{ socialAccountId: desk.mastodon.id }],
      },
    })
    assert.equal(result.status, 'created')
    const next = (result as { series: PostSeries }).series
    const after = await occurrences([series.id, next.id])
    const byLocal = new Map(after.map((o) => [o.local, o]))
    assert.equal(byLocal.get(before[1].local)!.body, 'Daily bread — rye today')
    assert.equal(byLocal.get(before[1].local)!.postId, before[1].postId)
    assert.equal(
      byLocal.get(before[2].local)!.at,
      before[2].at + 3_600_000,
      'the moved one keeps its time'
    )
    assert.equal(byLocal.get(before[3].local)!.postId, before[3].postId)
    assert.deepEqual(
      after.filter((o) => !o.detached).map((o) => o.body),
      ['Daily bread, now organic', 'Daily bread, now organic'],
      'the other two follow the series'
    )
    assert.lengthOf(after, 5, 'nothing doubled: the kept ones are not made again by the new half')
  })
})
