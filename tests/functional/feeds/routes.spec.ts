import { test } from '@japa/runner'
import Feed from '#models/feed'
import PostSeries from '#models/post_series'
import { withCleanState } from '#tests/helpers/database'
import { makeDesk } from '#tests/functional/posts/_fixtures'
import {
  addMember,
  assertDenied,
  send,
  validationErrors,
} from '#tests/functional/workspaces/_helpers'

const feedBody = (accountId: number) => ({
  url: 'https://bakery.example/feed.xml',
  mode: 'draft',
  template: '{title} {link}',
  targetAccountIds: [accountId],
  maxItemsPerFetch: 3,
})

test.group('Feeds and repeating posts / routes', (group) => {
  withCleanState(group)

  test('an editor follows a feed; a viewer may look but not add; another workspace sees nothing', async ({
    client,
    assert,
  }) => {
    const desk = await makeDesk()
    const { user: editor } = await addMember(desk.workspace, 'editor')
    const { user: viewer } = await addMember(desk.workspace, 'viewer')
    const feeds = `/w/${desk.workspace.slug}/feeds`

    const added = await send(client, 'post', feeds, editor, feedBody(desk.mastodon.id))
    assert.equal(added.status(), 302)
    const feed = await Feed.firstOrFail()
    assert.equal(feed.createdById, editor.id)

    const page = await client.get(feeds).loginAs(viewer).withInertia()
    page.assertInertiaComponent('feeds/index')
    const props = page.inertiaProps as any
    assert.equal(props.feeds[0].url, 'https://bakery.example/feed.xml')
    assert.isFalse(props.canEdit)
    assert.notProperty(props.feeds[0], 'etag')

    const refused = await send(client, 'post', feeds, viewer, feedBody(desk.mastodon.id))
    assertDenied(refused, assert)
    assert.equal(
      await Feed.query()
        .count('* as n')
        .first()
        .then((r) => Number(r!.$extras.n)),
      1
    )

    const other = await makeDesk()
    const foreign = await send(
      client,
      'delete',
      `/w/${other.workspace.slug}/feeds/${feed.id}`,
      other.owner
    )
    assert.equal(foreign.status(), 404)
    const foreignAccount = await send(client, 'post', feeds, editor, feedBody(other.mastodon.id))
    assert.deepEqual(foreignAccount.flashMessage('errorsBag'), {
      targetAccountIds: 'Pick accounts connected to this workspace.',
    })
  })

  test('a private feed address is refused when saved', async ({ client, assert }) => {
    const desk = await makeDesk()
    const response = await send(client, 'post', `/w/${desk.workspace.slug}/feeds`, desk.owner, {
      ...feedBody(desk.mastodon.id),
      url: 'http://169.254.169.254/latest',
    })
    assert.property(validationErrors(response), 'url')
    assert.lengthOf(await Feed.all(), 0)
  })

  test('the composer’s repeat: a rule finer than daily is refused with a message; a weekly one is saved', async ({
    client,
    assert,
  }) => {
    const desk = await makeDesk()
    const url = `/w/${desk.workspace.slug}/series`
    const content = {
      body: 'Monday bake',
      targets: [{ socialAccountId: desk.mastodon.id }],
      startsAtLocal: '2030-01-07T09:00',
    }
    const hourly = await send(client, 'post', url, desk.owner, { ...content, rule: 'FREQ=HOURLY' })
    assert.match(hourly.flashMessage('errorsBag').rule, /repeat daily, weekly, monthly or yearly/)
    const weekly = await send(client, 'post', url, desk.owner, {
      ...content,
      rule: 'FREQ=WEEKLY;INTERVAL=1;BYDAY=MO',
    })
    assert.equal(weekly.header('location'), `/w/${desk.workspace.slug}/calendar`)
    const series = await PostSeries.firstOrFail()
    assert.equal(series.startsAtLocal, '2030-01-07T09:00')
  })

  test('"all future ones" from an occurrence’s composer: the composer learns the series, the route splits it', async ({
    client,
    assert,
  }) => {
    const { default: SeriesOccurrence } = await import('#models/series_occurrence')
    const desk = await makeDesk()
    const base = `/w/${desk.workspace.slug}`
    const content = {
      body: 'Monday bake',
      targets: [{ socialAccountId: desk.mastodon.id }],
      startsAtLocal: '2030-01-07T09:00',
      rule: 'FREQ=WEEKLY;BYDAY=MO',
    }
    await send(client, 'post', `${base}/series`, desk.owner, content)
    const series = await PostSeries.firstOrFail()
    // The job has not reached 2030 yet: lay the first weeks out as it would then.
    const { materializeSeries } = await import('#actions/series/materialize_series')
    const { DateTime } = await import('luxon')
    const then = DateTime.fromISO('2030-01-01T00:00:00Z')
    await materializeSeries(series, then.plus({ days: 35 }), then)
    const second = await SeriesOccurrence.query()
      .where('series_id', series.id)
      .where('occurs_at_local', '2030-01-14T09:00')
      .firstOrFail()

    const known = await client.get(`${base}/series/of-post/${second.postId}`).loginAs(desk.owner)
    assert.deepEqual(known.body().series, {
      id: series.id,
      rule: 'FREQ=WEEKLY;BYDAY=MO',
      startsAtLocal: '2030-01-07T09:00',
      missedPolicy: 'post_late',
      lateGraceMinutes: 120,
      mediaCount: 0,
      occurrenceLocal: '2030-01-14T09:00',
      detached: false,
      missedAt: null,
      lateSeconds: null,
    })
    const stranger = await makeDesk()
    const hidden = await client
      .get(`/w/${stranger.workspace.slug}/series/of-post/${second.postId}`)
      .loginAs(stranger.owner)
    // Another workspace's post is not found at all, so nothing says whether it repeats.
    hidden.assertStatus(404)
    assert.notProperty(hidden.body(), 'series')

    const moved = await send(client, 'put', `${base}/series/${series.id}/future`, desk.owner, {
      ...content,
      body: 'Monday bake, new recipe',
      startsAtLocal: '2030-01-14T10:00',
      postId: second.postId,
    })
    assert.equal(moved.header('location'), `${base}/calendar`)
    const all = await PostSeries.query().orderBy('id')
    assert.lengthOf(all, 2)
    assert.match(all[0].rule, /UNTIL=20300114T085900/)
    assert.equal(all[1].startsAtLocal, '2030-01-14T10:00')
    assert.equal(all[1].body, 'Monday bake, new recipe')
  })
})
