/** Shared by the publishing tests: fakes over HTTP, connected accounts, fast timings, a real worker. */
import { setTimeout as sleep } from 'node:timers/promises'
import app from '@adonisjs/core/services/app'
import redis from '@adonisjs/redis/services/main'
import emitter from '@adonisjs/core/services/emitter'
import type { Group } from '@japa/runner/core'
import type { Logger } from '@adonisjs/core/logger'
import { DateTime } from 'luxon'
import { connectThroughFake } from '#sdk/testing/connect'
import type { PluginsConfig } from '#config/plugins'
import type { PublishingConfig } from '#config/publishing'
import { saveConnections } from '#actions/channels/save_connections'
import { createPost } from '#actions/posts/create_post'
import { publishNow } from '#actions/posts/publish_now'
import type { InjectedFault } from '#sdk/testing/fake_server'
import type { TargetInput } from '#services/posts/check_targets'
import { WorkerRunner } from '#queue/worker_runner'
import { jobs, leaseKeepers } from '#jobs/main'
import type { JobSchedule } from '#queue/worker_runner'
import plugins from '#services/plugins'
import Delivery from '#models/delivery'
import type SocialAccount from '#models/social_account'
import type User from '#models/user'
import type Workspace from '#models/workspace'
import type { DeliveryStatusChanged } from '#services/publishing/events'
import { capturingLogger } from '../../unit/queue/fixtures.js'
import { makeUser, makeWorkspace } from '#tests/functional/workspaces/_helpers'
import { FakeMastodon } from '#plugins/mastodon/fake/server'
import { FakeBluesky } from '#plugins/bluesky/fake/server'
import { FakeX } from '#plugins/x/fake/server'

/** Milliseconds instead of seconds and minutes, restored after each test. */
export const FAST: Partial<PublishingConfig> = {
  leaseMs: 4000,
  maxAttempts: 3,
  backoffBaseMs: 60,
  backoffMaxMs: 400,
  freeRateLimitWaits: 3,
  msPerNetworkSecond: 200,
  maxStatusChecks: 5,
  perAccountConcurrency: 3,
  networkBusyRetryMs: 80,
  slotWakeFallbackMs: 2000,
  reconcileGraceMs: 0,
  refreshMarginMs: 60_000,
}
/** A request the fake does not answer counts as a timeout after this long. */
export const NETWORK_TIMEOUT_MS = 500

export interface World {
  owner: User
  workspace: Workspace
  mastodon: FakeMastodon
  bluesky: FakeBluesky
  x: FakeX
  accounts: { mastodon: SocialAccount; bluesky: SocialAccount; x: SocialAccount }
  events: DeliveryStatusChanged[]
}

async function connect(
  network: 'mastodon' | 'bluesky' | 'x',
  fake: FakeMastodon | FakeBluesky | FakeX,
  workspace: Workspace,
  user: User
) {
  const result = await connectThroughFake(await plugins.get(network), fake)
  if (result.status !== 'ok') throw new Error(`connect ${network}: ${JSON.stringify(result)}`)
  const [account] = await saveConnections({
    workspaceId: workspace.id,
    network,
    connections: result.value,
    userId: user.id,
  })
  return account
}

/** Three fakes, an owner with a workspace and an account on each; restores every setting after the test. */
export function withWorld(group: Group) {
  const world = {} as World
  group.each.setup(async () => {
    const publishing = app.config.get<PublishingConfig>('publishing')
    const pluginsConfig = app.config.get<PluginsConfig>('plugins')
    const saved = {
      publishing: { ...publishing },
      timeoutMs: pluginsConfig.timeoutMs,
      x: pluginsConfig.settings.x,
    }
    Object.assign(publishing, FAST)
    pluginsConfig.timeoutMs = NETWORK_TIMEOUT_MS

    ;[world.mastodon, world.bluesky, world.x] = await Promise.all([
      FakeMastodon.start(),
      FakeBluesky.start(),
      FakeX.start(),
    ])
    pluginsConfig.settings.x = world.x.settings
    world.owner = await makeUser()
    world.workspace = await makeWorkspace(world.owner)
    world.accounts = {
      mastodon: await connect('mastodon', world.mastodon, world.workspace, world.owner),
      bluesky: await connect('bluesky', world.bluesky, world.workspace, world.owner),
      x: await connect('x', world.x, world.workspace, world.owner),
    }
    world.events = []
    const listener = (event: DeliveryStatusChanged) => void world.events.push(event)
    emitter.on('delivery:status_changed', listener)
    return async () => {
      emitter.off('delivery:status_changed', listener)
      await Promise.all([world.mastodon.close(), world.bluesky.close(), world.x.close()])
      Object.assign(publishing, saved.publishing)
      pluginsConfig.timeoutMs = saved.timeoutMs
      pluginsConfig.settings.x = saved.x
    }
  })
  return world
}

/**
 * A real WorkerRunner on the app's queues (publish only), stopped by the caller's cleanup; it
 * logs into `logs` unless given a logger of the app's kind.
 */
export async function startWorker(schedules: JobSchedule[] = [], appLogger?: Logger) {
  const { logger, entries } = capturingLogger()
  const runner = new WorkerRunner({
    manager: await app.container.make('queue'),
    registry: jobs,
    logger: appLogger ?? logger,
    redis: redis.connection(),
    queues: ['publish'],
    schedules,
    leaseKeepers: await leaseKeepers(),
    heartbeat: { ttlMs: 2000, intervalMs: 500 },
  })
  await runner.start()
  return { runner, logs: entries }
}

/**
 * The set-up most fault tests share: a worker (stopped by the test's cleanup), the network's
 * next create answered with `fault`, and a one-target post to that network published now.
 */
export async function publishAfterFault(
  world: World,
  network: 'mastodon' | 'bluesky' | 'x',
  fault: InjectedFault,
  cleanup: (fn: () => Promise<void>) => void
) {
  const { runner } = await startWorker()
  cleanup(async () => {
    await runner.stop()
  })
  world[network].server.failNext(world[network].publishPath, fault)
  const { post } = await draft(world, [{ socialAccountId: world.accounts[network].id }])
  await publishNow({ post, actor: world.owner })
  return post
}

/** A draft for the given accounts, with optional per-account variants. */
export async function draft(
  world: World,
  targets: TargetInput[],
  body = 'Fresh pistachio croissants, out of the oven at 8 🥐',
  author = world.owner
) {
  const result = await createPost({ workspace: world.workspace, author, body, targets })
  if (result.status !== 'created') throw new Error(`createPost: ${result.status}`)
  return result
}

export async function waitFor<T>(
  probe: () => Promise<T> | T,
  timeoutMs = 8000,
  stepMs = 25
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value) return value as NonNullable<T>
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`)
    await sleep(stepMs)
  }
}

/** Waits until every delivery of the post is in one of `statuses`, and returns them. */
export function settled(
  postId: number,
  statuses = ['published', 'failed', 'unknown'],
  timeoutMs = 8000
) {
  return waitFor(async () => {
    const deliveries = await Delivery.query().where('post_id', postId).orderBy('id')
    return deliveries.length && deliveries.every((d) => statuses.includes(d.status))
      ? deliveries
      : null
  }, timeoutMs)
}

/**
 * The post's rolled-up status, once it has caught up with its deliveries: the roll-up is
 * written just after the last delivery's own status, so a reader can briefly see the old one.
 */
export async function rolledUp(postId: number, expected: string, timeoutMs = 4000) {
  const { default: Post } = await import('#models/post')
  try {
    await waitFor(async () => (await Post.findOrFail(postId)).status === expected, timeoutMs)
  } catch {}
  return (await Post.findOrFail(postId)).status
}

/** Creates requests the fake logged on its create-post path. */
export const publishRequests = (fake: {
  server: { requests: { method: string; path: string }[] }
  publishPath: string
}) =>
  fake.server.requests.filter(
    (request) => request.method === 'POST' && new RegExp(fake.publishPath).test(request.path)
  )

export const inMs = (ms: number) => DateTime.utc().plus({ milliseconds: ms })
