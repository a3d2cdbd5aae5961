import { test } from '@japa/runner'
import { withCleanState } from '#tests/helpers/database'
import { addMember, makeUser } from '#tests/functional/workspaces/_helpers'
import { calendarWorld, eventsUrl, makeAccount, placePost, utc } from './_fixtures.js'

const START = utc('2030-03-01T00:00:00')
const END = utc('2030-04-01T00:00:00')

test.group('Calendar events: the visible range only', (group) => {
  withCleanState(group)

  test('returns the posts in [start, end) of this workspace, with only the shown fields', async ({
    client,
    assert,
  }) => {
    const world = await calendarWorld()
    const foreign = await calendarWorld('Zebra Foreign Holdings')
    await placePost(world, START.minus({ seconds: 1 }), [world.mastodon], { body: 'before' })
    const first = await placePost(world, START, [world.mastodon], { body: 'at the start' })
    const middle = await placePost(
      world,
      utc('2030-03-15T09:30:00'),
      [world.mastodon, world.bluesky],
      {
        body: `Pistachio ${'croissant '.repeat(40)}`,
      }
    )
    await placePost(world, END, [world.mastodon], { body: 'at the end: excluded' })
    await placePost(foreign, utc('2030-03-10T12:00:00'), [foreign.mastodon], {
      body: 'Zebra secret plans',
    })

    const response = await client.get(eventsUrl(world.workspace, START, END)).loginAs(world.owner)
    response.assertStatus(200)
    const { events, truncated } = response.body()
    assert.isFalse(truncated)
    assert.deepEqual(
      events.map((event: any) => event.id),
      [first.id, middle.id]
    )
    const shown = events[1]
    assert.sameMembers(Object.keys(shown), [
      'id',
      'at',
      'status',
      'excerpt',
      'movable',
      'deliveries',
      'repeating',
      'followUps',
    ])
    assert.isFalse(shown.repeating)
    assert.deepEqual(shown.followUps, { threadParts: 0, firstComment: false })
    assert.equal(shown.at, '2030-03-15T09:30:00.000Z')
    assert.equal(shown.status, 'scheduled')
    assert.isTrue(shown.movable)
    assert.isAtMost(shown.excerpt.length, 121)
    assert.match(shown.excerpt, /^Pistachio croissant .*…$/)
    assert.sameDeepMembers(
      shown.deliveries.map(({ id, ...rest }: any) => (assert.isNumber(id), rest)),
      [
        { network: 'mastodon', accountId: world.mastodon.id, status: 'scheduled' },
        { network: 'bluesky', accountId: world.bluesky.id, status: 'scheduled' },
      ]
    )
    assert.notInclude(response.text(), 'Zebra')
  })

  test('filters by account, network and status', async ({ client, assert }) => {
    const world = await calendarWorld()
    const x = await makeAccount(world.workspace, 'x')
    const onMastodon = await placePost(world, utc('2030-03-02T10:00:00'), [world.mastodon])
    const onBoth = await placePost(world, utc('2030-03-03T10:00:00'), [
      world.mastodon,
      world.bluesky,
    ])
    const published = await placePost(world, utc('2030-03-04T10:00:00'), [x], {
      status: 'published',
      deliveryStatus: 'published',
    })
    const draft = await placePost(world, utc('2030-03-05T10:00:00'), [world.bluesky], {
      status: 'draft',
      deliveryStatus: 'draft',
    })

    const ids = async (filters: Record<string, string>) => {
      const response = await client
        .get(eventsUrl(world.workspace, START, END, filters))
        .loginAs(world.owner)
      response.assertStatus(200)
      return response.body().events.map((event: any) => event.id)
    }
    assert.deepEqual(await ids({ accounts: String(world.bluesky.id) }), [onBoth.id, draft.id])
    assert.deepEqual(await ids({ accounts: `${world.mastodon.id},${x.id}` }), [
      onMastodon.id,
      onBoth.id,
      published.id,
    ])
    assert.deepEqual(await ids({ networks: 'x' }), [published.id])
    assert.deepEqual(await ids({ networks: 'bluesky,x' }), [onBoth.id, published.id, draft.id])
    assert.deepEqual(await ids({ statuses: 'published,draft' }), [published.id, draft.id])
    assert.deepEqual(
      await ids({
        statuses: 'scheduled',
        networks: 'mastodon',
        accounts: String(world.bluesky.id),
      }),
      [onBoth.id]
    )
    assert.deepEqual(await ids({ networks: 'x', accounts: String(world.bluesky.id) }), [])
    // An unknown status matches nothing rather than everything.
    assert.deepEqual(await ids({ statuses: 'draft,nonsense' }), [draft.id])
  })

  test('a foreign account id never brings in the other workspace’s posts', async ({
    client,
    assert,
  }) => {
    const world = await calendarWorld()
    const foreign = await calendarWorld('Zebra Foreign Holdings')
    await placePost(foreign, utc('2030-03-10T12:00:00'), [foreign.mastodon], {
      body: 'Zebra secret plans',
    })
    const response = await client
      .get(
        eventsUrl(world.workspace, START, END, {
          accounts: String(foreign.mastodon.id),
          networks: 'mastodon',
        })
      )
      .loginAs(world.owner)
    response.assertStatus(200)
    assert.deepEqual(response.body().events, [])
    const direct = await client.get(eventsUrl(foreign.workspace, START, END)).loginAs(world.owner)
    direct.assertStatus(404)
    assert.notInclude(direct.text(), 'Zebra secret')
  })

  test('refuses a missing, malformed, reversed or too long range', async ({ client, assert }) => {
    const world = await calendarWorld()
    const base = `/w/${world.workspace.slug}/calendar/events`
    const get = (query: string) =>
      client.get(`${base}?${query}`).loginAs(world.owner).header('accept', 'application/json')

    ;(await get('')).assertStatus(422)
    ;(await get('start=yesterday&end=2030-03-02T00:00:00Z')).assertStatus(422)
    ;(await get(`start=2030-03-10T00:00:00Z&end=2030-03-01T00:00:00Z`)).assertStatus(422)
    const tooLong = await get(`start=2030-01-01T00:00:00Z&end=2030-03-01T00:00:00Z`)
    tooLong.assertStatus(422)
    assert.match(tooLong.body().errors[0].message, /43 days/)
    ;(
      await get(`start=2030-03-01T00:00:00Z&end=2030-03-02T00:00:00Z&accounts=1;drop`)
    ).assertStatus(422)
    // FullCalendar's month grid: six weeks, with offsets, across the March DST change in Paris.
    ;(
      await get(
        `start=${encodeURIComponent('2030-02-25T00:00:00+01:00')}&end=${encodeURIComponent('2030-04-08T00:00:00+02:00')}`
      )
    ).assertStatus(200)
  })

  test('viewers read the calendar but cannot move anything; guests are sent to sign in', async ({
    client,
    assert,
  }) => {
    const world = await calendarWorld()
    const { user: viewer } = await addMember(world.workspace, 'viewer')
    await placePost(world, utc('2030-03-02T10:00:00'), [world.mastodon])
    const response = await client.get(eventsUrl(world.workspace, START, END)).loginAs(viewer)
    response.assertStatus(200)
    assert.isFalse(response.body().events[0].movable)

    const guest = await client.get(eventsUrl(world.workspace, START, END)).redirects(0)
    assert.oneOf(guest.status(), [302, 401])
    const stranger = await makeUser()
    ;(await client.get(eventsUrl(world.workspace, START, END)).loginAs(stranger)).assertStatus(404)
  })

  test('the calendar page lists the workspace’s accounts and networks for the filters', async ({
    client,
    assert,
  }) => {
    const world = await calendarWorld()
    const response = await client
      .get(`/w/${world.workspace.slug}/calendar`)
      .loginAs(world.owner)
      .withInertia()
    response.assertStatus(200)
    response.assertInertiaComponent('calendar/index')
    const props = response.inertiaProps as any
    assert.sameMembers(
      props.accounts.map((account: any) => account.id),
      [world.mastodon.id, world.bluesky.id]
    )
    assert.notProperty(props.accounts[0], 'tokenCiphertext')
    assert.includeMembers(
      props.networks.map((network: any) => network.id),
      ['mastodon', 'bluesky']
    )
    assert.include(props.statuses, 'scheduled')
  })
})
