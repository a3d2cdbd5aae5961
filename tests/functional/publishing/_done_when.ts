/**
 * Shared by the networks' "done when" tests: the user's whole path through the app against
 * the plugins' fakes — connect, upload to the library, schedule from the composer, the real
 * media and publishing workers, then a stats collection run.
 */
import app from '@adonisjs/core/services/app'
import { DateTime } from 'luxon'
import sharp from 'sharp'
import type { Group } from '@japa/runner/core'
import type { PluginsConfig } from '#config/plugins'
import type { PublishingConfig } from '#config/publishing'
import Delivery from '#models/delivery'
import DeliveryMetricSnapshot from '#models/delivery_metric_snapshot'
import type User from '#models/user'
import type Workspace from '#models/workspace'
import SocialAccount from '#models/social_account'
import {
  connectViaOAuth,
  pickAccounts,
  type SessionValues,
} from '#tests/functional/channels/_oauth'
import { collectStats } from '#services/analytics/collect_stats'
import { openToken } from '#services/token_vault'
import {
  clearMediaDisk,
  startMediaWorker,
  upload,
  waitForStatus,
} from '#tests/functional/media/_helpers'
import { makeUser, makeWorkspace } from '#tests/functional/workspaces/_helpers'
import { FAST, rolledUp, settled, startWorker } from './_fixtures.js'
import { FakeFacebook } from '#plugins/facebook/fake/server'
import { FakeInstagram } from '#plugins/instagram/fake/server'
import { FakeThreads } from '#plugins/threads/fake/server'
import { FakeLinkedIn } from '#plugins/linkedin/fake/server'
import { FakeYouTube } from '#plugins/youtube/fake/server'
import { FakeTikTok } from '#plugins/tiktok/fake/server'
import { FakePinterest } from '#plugins/pinterest/fake/server'
import { FakeReddit } from '#plugins/reddit/fake/server'
import { FakeTelegram } from '#plugins/telegram/fake/server'
import { FakeDiscord } from '#plugins/discord/fake/server'
import { FakeLemmy } from '#plugins/lemmy/fake/server'
import { FakeSlack } from '#plugins/slack/fake/server'
import { FakeTumblr } from '#plugins/tumblr/fake/server'
import { FakeGoogleBusiness } from '#plugins/google-business/fake/server'

const FAKES = {
  'facebook': FakeFacebook,
  'instagram': FakeInstagram,
  'threads': FakeThreads,
  'linkedin': FakeLinkedIn,
  'youtube': FakeYouTube,
  'tiktok': FakeTikTok,
  'pinterest': FakePinterest,
  'reddit': FakeReddit,
  'telegram': FakeTelegram,
  'discord': FakeDiscord,
  'lemmy': FakeLemmy,
  'slack': FakeSlack,
  'tumblr': FakeTumblr,
  'google-business': FakeGoogleBusiness,
}
type Fakes = typeof FAKES
export type NetworkId = keyof Fakes
export type FakeOf<K extends NetworkId> = Awaited<ReturnType<Fakes[K]['start']>>

/** Uploads and video parts are bigger than the pipeline tests' texts: a roomier network timeout. */
const NETWORK_TIMEOUT_MS = 5000
/** Status checks come 10–30 network seconds apart (Threads video): 40 ms each keeps a test short. */
const MS_PER_NETWORK_SECOND = 40

export interface Studio<K extends NetworkId> {
  owner: User
  workspace: Workspace
  fakes: { [P in K]: FakeOf<P> }
}

/**
 * Before each test: the fakes of `networks` running with each plugin pointed at its own (as an
 * operator points a plugin at a proxy), the pipeline's fast timings, an owner and a workspace,
 * an empty media disk; the media and publishing workers running. Everything restored after.
 */
export function withStudio<K extends NetworkId>(group: Group, networks: K[]) {
  const studio = {} as Studio<K>
  group.each.setup(async () => {
    const publishing = app.config.get<PublishingConfig>('publishing')
    const pluginsConfig = app.config.get<PluginsConfig>('plugins')
    const saved = {
      publishing: { ...publishing },
      timeoutMs: pluginsConfig.timeoutMs,
      settings: { ...pluginsConfig.settings },
    }
    Object.assign(publishing, FAST, { msPerNetworkSecond: MS_PER_NETWORK_SECOND })
    pluginsConfig.timeoutMs = NETWORK_TIMEOUT_MS
    await clearMediaDisk()

    const started = await Promise.all(networks.map((id) => FAKES[id].start()))
    studio.fakes = Object.fromEntries(
      networks.map((id, index) => [id, started[index]])
    ) as Studio<K>['fakes']
    for (const id of networks) pluginsConfig.settings[id] = studio.fakes[id].settings
    studio.owner = await makeUser()
    studio.workspace = await makeWorkspace(studio.owner)
    const media = await startMediaWorker()
    const publisher = await startWorker()
    return async () => {
      await publisher.runner.stop()
      await media.runner.stop()
      await Promise.all(started.map((fake) => fake.close()))
      Object.assign(publishing, saved.publishing)
      pluginsConfig.timeoutMs = saved.timeoutMs
      Object.assign(pluginsConfig.settings, saved.settings)
    }
  })
  return studio
}

/** A distinct photo per index (a colour and a size of its own), as a phone would take it. */
export function photo(
  index: number,
  width = 1080,
  height = 1080,
  options: { grain?: boolean } = {}
) {
  const background = {
    r: (60 * index + 90) % 256,
    g: (110 * index + 40) % 256,
    b: (170 * index + 20) % 256,
  }
  // A flat colour compresses to a few KB; grain makes it weigh what a camera's photo does, for
  // networks that refuse tiny files (Google Business Profile: 10 KB at least).
  const noise = options.grain ? { type: 'gaussian' as const, mean: 128, sigma: 30 } : undefined
  return sharp({ create: { width, height, channels: 3, background, noise } })
    .jpeg({ quality: 85 })
    .toBuffer()
}

/** The Channels page's connect form for a credentials network, submitted as the user fills it. */
export function submitCredentials(
  client: any,
  studio: Studio<any>,
  network: NetworkId,
  values: Record<string, string>
) {
  return client
    .post(`/w/${studio.workspace.slug}/channels/${network}/credentials`)
    .loginAs(studio.owner)
    .withCsrfToken()
    .json({ values })
    .redirects(0)
}

/** The connect-form fields a network describes, as the Channels page receives them. */
export async function connectFields(client: any, studio: Studio<any>, network: NetworkId) {
  const page = await client
    .get(`/w/${studio.workspace.slug}/channels`)
    .loginAs(studio.owner)
    .withInertia()
  const { networks } = page.inertiaProps as { networks: { id: string; fields: any[] }[] }
  return { page, fields: networks.find((candidate) => candidate.id === network)!.fields }
}

/** Uploads files through the media library's route and waits for the media worker to make them ready. */
export async function uploadReady(
  client: any,
  studio: Studio<any>,
  files: { name: string; bytes: Buffer }[]
) {
  const response = await upload(client, studio.workspace.slug, studio.owner, files)
  if (response.status() !== 201)
    throw new Error(`upload answered ${response.status()}: ${response.text()}`)
  const ids: number[] = []
  for (const uploaded of response.body().uploaded as { id: number }[]) {
    const asset = await waitForStatus(uploaded.id)
    if (asset.status !== 'ready')
      throw new Error(`media #${asset.id} ${asset.status}: ${asset.failureReason}`)
    ids.push(asset.id)
  }
  return ids
}

export interface ComposerTarget {
  socialAccountId: number
  text?: string
  options?: Record<string, string | boolean | number>
}

/**
 * The composer's "Schedule" button: the form takes a wall-clock minute in the workspace's zone,
 * so the post is scheduled for the current minute (the app accepts a minute just gone as "now");
 * in the last seconds of a minute it takes the next one, a few seconds ahead.
 */
export async function scheduleFromComposer(
  client: any,
  studio: Studio<any>,
  input: {
    body: string
    targets: ComposerTarget[]
    media?: { mediaAssetId: number; altText?: string }[]
  }
) {
  const minute = DateTime.now()
    .setZone(studio.workspace.timezone)
    .plus({ seconds: 5 })
    .startOf('minute')
  const response = await client
    .post(`/w/${studio.workspace.slug}/posts`)
    .loginAs(studio.owner)
    .withCsrfToken()
    .json({ ...input, intent: 'schedule', at: minute.toFormat("yyyy-MM-dd'T'HH:mm") })
    .redirects(0)
  const location = response.header('location') ?? ''
  const match = /\/posts\/(\d+)$/.exec(location)
  if (response.status() !== 302 || !match)
    throw new Error(
      `composer answered ${response.status()} → ${location}: ${JSON.stringify(response.session?.() ?? {})}`
    )
  return Number(match[1])
}

/**
 * Waits for the post's deliveries to settle and its roll-up to follow; deliveries by network.
 * Gives up well inside the test's timeout, saying where each delivery stands.
 */
export async function publishedDeliveries(postId: number, timeoutMs = 15_000) {
  const deliveries = await settled(postId, ['published', 'failed', 'unknown'], timeoutMs).catch(
    async (error: Error) => {
      const states = (await Delivery.query().where('post_id', postId)).map(
        (d) => `${d.network}: ${d.status} ${d.lastError ?? ''}`
      )
      throw new Error(`${error.message}; post ${postId} deliveries: ${states.join(', ') || 'none'}`)
    }
  )
  const status = await rolledUp(postId, 'published')
  return {
    status,
    deliveries,
    byNetwork: Object.fromEntries(deliveries.map((d) => [d.network, d])) as Record<
      string,
      Delivery
    >,
  }
}

/**
 * A collection run as the repeatable stats job makes it, on a clock an hour after publication
 * (so every delivery is due); returns the latest snapshot the app stored per network.
 */
export async function collectAfterAnHour(deliveries: Delivery[]) {
  const newest = DateTime.max(...deliveries.map((d) => d.publishedAt!.toUTC()))!
  const report = await collectStats({ now: newest.plus({ hours: 1 }) })
  const snapshots = await DeliveryMetricSnapshot.query()
    .whereIn(
      'delivery_id',
      deliveries.map((d) => d.id)
    )
    .orderBy('id')
  const latest = Object.fromEntries(snapshots.map((s) => [s.network, s])) as Record<
    string,
    DeliveryMetricSnapshot
  >
  return { report, latest }
}

/**
 * What the user sees on the post's page: its status and each delivery's state and link
 * (Inertia props), checked to carry none of the accounts' tokens.
 */
export async function postPage(client: any, studio: Studio<any>, postId: number) {
  const response = await client
    .get(`/w/${studio.workspace.slug}/posts/${postId}`)
    .loginAs(studio.owner)
    .withInertia()
  if (response.status() !== 200) throw new Error(`post page answered ${response.status()}`)
  const accounts = await SocialAccount.query().where('workspace_id', studio.workspace.id)
  for (const account of accounts) {
    const token = openToken(account)
    for (const secret of [token?.accessToken, token?.refreshToken, account.tokenCiphertext]) {
      if (secret && response.text().includes(secret))
        throw new Error(`the post page shows a ${account.network} secret`)
    }
  }
  return (
    response.inertiaProps as {
      post: {
        status: string
        deliveries: {
          network: string
          status: string
          externalUrl: string | null
          accountName: string
        }[]
      }
    }
  ).post
}

/** The figures of a snapshot, every metric the app stores (null = the network has none). */
export const figuresOf = (snapshot: DeliveryMetricSnapshot | undefined) => {
  if (!snapshot) return null
  const { views, reach, likes, comments, shares, saves, quotes, clicks } = snapshot
  return { views, reach, likes, comments, shares, saves, quotes, clicks }
}

interface PickCandidate {
  externalId: string
  displayName: string
}

/**
 * Connects an account the way a user does on the Channels page: the app's OAuth routes against
 * the fake's consent screen and, for a login that yields several accounts (Pages, organisations,
 * channels), the picker, where `choose` picks one (the first offered by default).
 */
export async function connectThroughApp(
  client: any,
  studio: Studio<any>,
  network: NetworkId,
  choose = (candidates: PickCandidate[]) => candidates[0]
) {
  const { owner, workspace } = studio
  const { finish } = await connectViaOAuth(client, owner, workspace, network)
  const location = finish.header('location')
  if (location === `/w/${workspace.slug}/channels/pick`) {
    const session = finish.session() as SessionValues
    const page = await client.get(location).loginAs(owner).withSession(session).withInertia()
    const chosen = choose((page.inertiaProps as { candidates: PickCandidate[] }).candidates)
    const picked = await pickAccounts(client, owner, workspace, [chosen.externalId], session)
    if (picked.status() !== 302)
      throw new Error(`pick ${network} answered ${picked.status()}: ${picked.text()}`)
    return SocialAccount.query()
      .where('workspace_id', workspace.id)
      .where('network', network)
      .where('external_id', chosen.externalId)
      .firstOrFail()
  }
  if (location !== `/w/${workspace.slug}/channels`)
    throw new Error(`connect ${network} ended at ${location}`)
  return SocialAccount.query()
    .where('workspace_id', workspace.id)
    .where('network', network)
    .firstOrFail()
}

/** The choices the composer offers for an account-sourced option (Pinterest boards, TikTok privacy levels…). */
export async function optionChoices(
  client: any,
  studio: Studio<any>,
  accountId: number,
  field: string
) {
  const response = await client
    .get(`/w/${studio.workspace.slug}/channels/${accountId}/options/${field}/choices`)
    .loginAs(studio.owner)
    .accept('json')
  if (response.status() !== 200)
    throw new Error(`choices of ${field} answered ${response.status()}: ${response.text()}`)
  return (response.body() as { choices: { value: string; label: string }[] }).choices
}
