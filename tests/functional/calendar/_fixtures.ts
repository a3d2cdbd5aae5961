/** Shared by the calendar tests: a workspace with two accounts and posts written straight to the tables. */
import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import Post, { type PostStatus } from '#models/post'
import Delivery, { type DeliveryStatus } from '#models/delivery'
import SocialAccount from '#models/social_account'
import type User from '#models/user'
import type Workspace from '#models/workspace'
import { makeUser, makeWorkspace } from '#tests/functional/workspaces/_helpers'

let accountSequence = 0

export async function makeAccount(workspace: Workspace, network: 'mastodon' | 'bluesky' | 'x') {
  accountSequence++
  return SocialAccount.create({
    workspaceId: workspace.id,
    network,
    externalId: `acct-${accountSequence}`,
    handle: `@baker${accountSequence}`,
    displayName: `Baker ${accountSequence}`,
    status: 'connected',
    connectedAt: DateTime.now(),
  })
}

export interface CalendarWorld {
  owner: User
  workspace: Workspace
  mastodon: SocialAccount
  bluesky: SocialAccount
}

export async function calendarWorld(name = 'Acme Bakery'): Promise<CalendarWorld> {
  const owner = await makeUser()
  const workspace = await makeWorkspace(owner, name)
  return {
    owner,
    workspace,
    mastodon: await makeAccount(workspace, 'mastodon'),
    bluesky: await makeAccount(workspace, 'bluesky'),
  }
}

/** A post at `at` with one delivery per account, in the given statuses (no pipeline involved). */
export async function placePost(
  world: Pick<CalendarWorld, 'owner' | 'workspace'>,
  at: DateTime,
  accounts: SocialAccount[],
  options: {
    status?: PostStatus
    deliveryStatus?: DeliveryStatus
    body?: string
    author?: User
  } = {}
) {
  const post = await Post.create({
    workspaceId: world.workspace.id,
    authorId: (options.author ?? world.owner).id,
    body: options.body ?? `Post at ${at.toISO()}`,
    status: options.status ?? 'scheduled',
    scheduledAt: at.toUTC(),
  })
  for (const account of accounts) {
    await Delivery.create({
      postId: post.id,
      workspaceId: world.workspace.id,
      socialAccountId: account.id,
      network: account.network,
      text: null,
      options: {},
      status: options.deliveryStatus ?? 'scheduled',
      dueAt: at.toUTC(),
      revision: 1,
      attempts: 0,
      rateLimitWaits: 0,
      statusChecks: 0,
      idempotencyKey: randomUUID(),
    })
  }
  return post
}

/** The events endpoint's URL for a workspace and a range (plus filters). */
export function eventsUrl(
  workspace: Workspace,
  start: DateTime,
  end: DateTime,
  filters: Record<string, string> = {}
) {
  const query = new URLSearchParams({ start: start.toISO()!, end: end.toISO()!, ...filters })
  return `/w/${workspace.slug}/calendar/events?${query}`
}

export const utc = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' })
