import { test } from '@japa/runner'
import { PassThrough } from 'node:stream'
import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import app from '@adonisjs/core/services/app'
import router from '@adonisjs/core/services/router'
import { createPost } from '#actions/posts/create_post'
import { schedulePost } from '#actions/posts/schedule_post'
import { forwardDeliveryStatus, postsChannel } from '#services/live/post_channels'
import type { DeliveryStatusChanged } from '#services/publishing/events'
import { withCleanState } from '#tests/helpers/database'
import { waitFor } from '#tests/functional/publishing/_fixtures'
import transmitConfig from '#config/transmit'
import type User from '#models/user'
import { calendarWorld, type CalendarWorld } from './_fixtures.js'

/** A browser's event stream as Transmit holds it: what it was sent is readable as text. */
async function openStream(user: User | null) {
  const transmit = await app.container.make('transmit')
  const uid = randomUUID()
  const response = new PassThrough()
  let received = ''
  response.on('data', (chunk) => (received += chunk.toString()))
  transmit.createStream({
    uid,
    context: { auth: { user } } as any,
    request: undefined as any,
    response: response as any,
  })
  const context = { auth: { user } } as any
  return {
    uid,
    subscribe: (channel: string) => transmit.subscribe({ uid, channel, context }),
    messages: () =>
      received
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => JSON.parse(line.slice(6))),
    close: () => void response.destroy(),
  }
}

async function scheduleOne(world: CalendarWorld) {
  const created = await createPost({
    workspace: world.workspace,
    author: world.owner,
    body: 'Live croissants',
    targets: [{ socialAccountId: world.mastodon.id }],
  })
  if (created.status !== 'created') throw new Error(created.status)
  return schedulePost({
    post: created.post,
    actor: world.owner,
    at: DateTime.utc().plus({ days: 1 }),
  })
}

test.group('Calendar: live status over SSE', (group) => {
  withCleanState(group)

  test('a pipeline status change reaches the workspace’s subscribers, not another workspace’s', async ({
    assert,
    cleanup,
  }) => {
    const world = await calendarWorld()
    const other = await calendarWorld('Zebra Foreign Holdings')
    const mine = await openStream(world.owner)
    const theirs = await openStream(other.owner)
    cleanup(() => {
      mine.close()
      theirs.close()
    })
    assert.isTrue(await mine.subscribe(postsChannel(world.workspace.id)))
    assert.isTrue(await theirs.subscribe(postsChannel(other.workspace.id)))

    const result = await scheduleOne(world)
    const [message] = (await waitFor(() => (mine.messages().length ? mine.messages() : null)))!
    assert.equal(message.channel, postsChannel(world.workspace.id))
    assert.include(message.payload, {
      type: 'delivery:status_changed',
      workspaceId: world.workspace.id,
      network: 'mastodon',
      status: 'scheduled',
    })
    assert.equal(message.payload.postId, result.status === 'scheduled' ? result.post.id : -1)
    assert.notProperty(message.payload, 'pendingHandle')
    await new Promise((resolve) => setTimeout(resolve, 150))
    assert.deepEqual(theirs.messages(), [])
  })

  test('only members may subscribe to a workspace’s channel', async ({ assert, cleanup }) => {
    const world = await calendarWorld()
    const other = await calendarWorld('Zebra Foreign Holdings')
    const outsider = await openStream(other.owner)
    const guest = await openStream(null)
    cleanup(() => {
      outsider.close()
      guest.close()
    })
    assert.isFalse(await outsider.subscribe(postsChannel(world.workspace.id)))
    assert.isFalse(await guest.subscribe(postsChannel(world.workspace.id)))
    assert.isFalse(await outsider.subscribe('workspaces/not-a-number/posts'))

    await scheduleOne(world)
    await new Promise((resolve) => setTimeout(resolve, 150))
    assert.deepEqual(outsider.messages(), [])
  })

  test('the subscribe route checks membership too', async ({ client, assert, cleanup }) => {
    const world = await calendarWorld()
    const other = await calendarWorld('Zebra Foreign Holdings')
    const stream = await openStream(world.owner)
    cleanup(() => stream.close())
    assert.isTrue(router.toJSON().root.some((route) => route.pattern === '/__transmit/subscribe'))
    const subscribe = (user: User, channel: string) =>
      client
        .post('/__transmit/subscribe')
        .loginAs(user)
        .withCsrfToken()
        .json({ uid: stream.uid, channel })
    ;(await subscribe(other.owner, postsChannel(world.workspace.id))).assertStatus(400)
    ;(await subscribe(world.owner, postsChannel(world.workspace.id))).assertStatus(204)
  })

  test('a broadcast in the worker process reaches a web process through the Redis transport', async ({
    assert,
    cleanup,
  }) => {
    const world = await calendarWorld()
    const transmit = await app.container.make('transmit')
    // A second Transmit on the same Redis channel stands for the web process.
    const Adapter = transmit.constructor as new (
      config: unknown,
      router: unknown,
      transport: unknown
    ) => typeof transmit
    const web = new Adapter(transmitConfig, router, transmitConfig.transport!.driver())
    cleanup(() => web.shutdown())
    const uid = randomUUID()
    const response = new PassThrough()
    let received = ''
    response.on('data', (chunk) => (received += chunk.toString()))
    web.createStream({
      uid,
      context: {} as any,
      request: undefined as any,
      response: response as any,
    })
    cleanup(() => void response.destroy())
    assert.isTrue(
      await web.subscribe({
        uid,
        channel: postsChannel(world.workspace.id),
        context: { auth: { user: world.owner } } as any,
      })
    )
    await new Promise((resolve) => setTimeout(resolve, 200))

    await scheduleOne(world)
    await waitFor(() => received.includes('"status":"scheduled"'), 5000)
    assert.include(received, `"workspaceId":${world.workspace.id}`)
  })

  test('changes made at the same moment leave as one message, with the last change of each delivery', async ({
    assert,
    cleanup,
  }) => {
    const world = await calendarWorld()
    const stream = await openStream(world.owner)
    cleanup(() => stream.close())
    assert.isTrue(await stream.subscribe(postsChannel(world.workspace.id)))
    const change = (deliveryId: number, status: DeliveryStatusChanged['status']) =>
      forwardDeliveryStatus({
        deliveryId,
        revision: 1,
        postId: 1,
        workspaceId: world.workspace.id,
        socialAccountId: null,
        network: 'mastodon',
        status,
        externalId: null,
        externalUrl: null,
        lastError: null,
        at: new Date().toISOString(),
      })
    // A burst: two deliveries, each claimed then published within the same window.
    change(901, 'publishing')
    change(902, 'publishing')
    change(901, 'published')
    change(902, 'published')
    const messages = (await waitFor(() => (stream.messages().length ? stream.messages() : null)))!
    await new Promise((resolve) => setTimeout(resolve, 150))
    assert.lengthOf(stream.messages(), 1)
    assert.equal(messages[0].payload.type, 'deliveries:status_changed')
    assert.deepEqual(
      messages[0].payload.events.map((event: DeliveryStatusChanged & { type: string }) => [
        event.type,
        event.deliveryId,
        event.status,
      ]),
      [
        ['delivery:status_changed', 901, 'published'],
        ['delivery:status_changed', 902, 'published'],
      ]
    )
  })
})
