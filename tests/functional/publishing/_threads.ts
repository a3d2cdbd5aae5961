/** Shared by the thread tests: a Threads fake beside the world's three, and thread drafts. */
import app from '@adonisjs/core/services/app'
import type { Group } from '@japa/runner/core'
import type { PluginsConfig } from '#config/plugins'
import { connectThroughFake } from '#sdk/testing/connect'
import { saveConnections } from '#actions/channels/save_connections'
import { createPost } from '#actions/posts/create_post'
import plugins from '#services/plugins'
import Delivery from '#models/delivery'
import DeliveryPart from '#models/delivery_part'
import type SocialAccount from '#models/social_account'
import type { StoredPost } from '#sdk/testing/fake_network'
import { FakeThreads } from '#plugins/threads/fake/server'
import type { World } from './_fixtures.js'

export type ThreadNetwork = 'x' | 'bluesky' | 'mastodon' | 'threads'

export interface ThreadsWorld {
  fake: FakeThreads
  account: SocialAccount
}

/** A Threads fake and a connected profile, after withWorld's setup; restored after each test. */
export function withThreadsFake(group: Group, world: World) {
  const extra = {} as ThreadsWorld
  group.each.setup(async () => {
    const pluginsConfig = app.config.get<PluginsConfig>('plugins')
    const saved = pluginsConfig.settings.threads
    extra.fake = await FakeThreads.start()
    pluginsConfig.settings.threads = extra.fake.settings
    const plugin = await plugins.get('threads')
    const result = await connectThroughFake(plugin, extra.fake)
    if (result.status !== 'ok') throw new Error(`connect threads: ${JSON.stringify(result)}`)
    ;[extra.account] = await saveConnections({
      workspaceId: world.workspace.id,
      network: 'threads',
      connections: result.value,
      userId: world.owner.id,
    })
    return async () => {
      await extra.fake.close()
      pluginsConfig.settings.threads = saved
    }
  })
  return extra
}

/** A unique three-part thread (X refuses a text it already has). */
export function threadTexts(label: string) {
  const tag = Math.random().toString(36).slice(2, 8)
  return {
    body: `${label}: our spring menu, a thread 🧵 ${tag}`,
    parts: [1, 2, 3].map((n) => `${label} ${n}/3: pistachio dish n°${n} ${tag}`),
  }
}

/** A draft whose shared follow-ups are these thread parts, for one account. */
export async function threadDraft(world: World, account: SocialAccount, label: string) {
  const texts = threadTexts(label)
  const result = await createPost({
    workspace: world.workspace,
    author: world.owner,
    body: texts.body,
    targets: [{ socialAccountId: account.id }],
    parts: texts.parts.map((text) => ({ kind: 'thread' as const, text })),
  })
  if (result.status !== 'created') throw new Error(`createPost: ${result.status}`)
  return { post: result.post, checks: result.checks, ...texts }
}

/** The delivery of a one-target post and its parts, in order. */
export async function chainOf(postId: number) {
  const delivery = await Delivery.query().where('post_id', postId).firstOrFail()
  const parts = await DeliveryPart.query()
    .where('delivery_id', delivery.id)
    .orderBy('position', 'asc')
  return { delivery, parts }
}

/**
 * What the fake stored for each part, checked link by link: every part is there as written and
 * answers the one before it (the first answers the main post) — as the fake read the request.
 */
export function linkage(
  fake: { storedPost(id: string): StoredPost | undefined },
  rootId: string,
  parts: DeliveryPart[]
) {
  let previous = rootId
  return parts.map((part) => {
    const stored = fake.storedPost(part.externalId!)
    const link = { text: stored?.text, answers: stored?.inReplyTo, expected: previous }
    previous = part.externalId!
    return link
  })
}
