/** Shared by the posts tests: a workspace (Europe/Paris) with a Mastodon, a Bluesky and an X account. */
import { DateTime } from 'luxon'
import SocialAccount from '#models/social_account'
import type User from '#models/user'
import type Workspace from '#models/workspace'
import Post from '#models/post'
import Delivery from '#models/delivery'
import { makeUser, makeWorkspace } from '#tests/functional/workspaces/_helpers'

export interface Desk {
  owner: User
  workspace: Workspace
  mastodon: SocialAccount
  bluesky: SocialAccount
  x: SocialAccount
}

function account(
  workspace: Workspace,
  network: string,
  handle: string,
  meta: Record<string, string | number> = {}
) {
  return SocialAccount.create({
    workspaceId: workspace.id,
    network,
    externalId: `${network}-${handle}`,
    handle,
    displayName: `Bakery on ${network}`,
    status: 'connected',
    meta,
    tokenCiphertext: 'sealed-token-never-shown',
    connectedAt: DateTime.now(),
  })
}

/** Accounts are rows here: these tests go through the routes, not to the networks (the browser test does). */
export async function makeDesk(): Promise<Desk> {
  const owner = await makeUser({ fullName: 'Olivia Owner' })
  const workspace = await makeWorkspace(owner)
  return {
    owner,
    workspace,
    mastodon: await account(workspace, 'mastodon', '@bakery@social.example', {
      instanceUrl: 'https://social.example',
      maxCharacters: 500,
    }),
    bluesky: await account(workspace, 'bluesky', 'bakery.bsky.social'),
    x: await account(workspace, 'x', '@bakery'),
  }
}

export const posts = (workspace: Workspace) => `/w/${workspace.slug}/posts`

/** The newest post of the workspace with its deliveries, by network. */
export async function latestPost(workspace: Workspace) {
  const post = await Post.query()
    .where('workspace_id', workspace.id)
    .orderBy('id', 'desc')
    .firstOrFail()
  const deliveries = await Delivery.query().where('post_id', post.id).orderBy('id')
  return {
    post,
    byNetwork: Object.fromEntries(
      deliveries.map((delivery) => [delivery.network, delivery])
    ) as Record<string, Delivery>,
  }
}

/** 291 weighted characters: too long for X (280), fine for Bluesky (300) and Mastodon (500). */
export const TOO_LONG_FOR_X = 'Croissants au beurre, tout chauds. '.repeat(8) + 'Venez vite!'

/** A wall-clock time in Europe/Paris a few days ahead, as the schedule form sends it. */
export function parisWallClock(daysAhead = 3, hour = 10, minute = 15) {
  return DateTime.now()
    .setZone('Europe/Paris')
    .plus({ days: daysAhead })
    .set({ hour, minute, second: 0, millisecond: 0 })
}
