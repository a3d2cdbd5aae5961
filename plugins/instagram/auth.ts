import type { Connection, PluginContext } from '#sdk'
import { facebookLoginAuth, pageTokenSet, type UserToken } from '../_meta/facebook_login.js'
import { apiVersion, graph, igUrls } from './graph.js'

/** Instagram API with Facebook Login (instagram/FLOW.md "Two login variants"). */
export const IG_SCOPES = [
  'instagram_basic',
  'instagram_content_publish',
  'instagram_manage_insights',
  // The first comment under a published media.
  'instagram_manage_comments',
  'pages_show_list',
  'pages_read_engagement',
]

interface IgAccount {
  id: string
  username?: string
  name?: string
  profile_picture_url?: string
}

/** A Page with the Instagram professional account linked to it, if any. */
interface LinkedPage {
  id: string
  name?: string
  access_token?: string
  instagram_business_account?: IgAccount
}

const PAGE_FIELDS =
  'id,name,access_token,instagram_business_account{id,username,name,profile_picture_url}'

function connectionOf(
  ctx: PluginContext,
  page: LinkedPage,
  userId: string,
  user: UserToken
): Connection {
  const ig = page.instagram_business_account!
  const web = igUrls(ctx.settings).web.replace(/\/$/, '')
  return {
    profile: {
      externalId: ig.id,
      handle: ig.username ? `@${ig.username}` : ig.id,
      displayName: ig.name ?? ig.username ?? page.name ?? ig.id,
      avatarUrl: ig.profile_picture_url ?? null,
      profileUrl: ig.username ? `${web}/${ig.username}/` : null,
      meta: { userId, pageId: page.id, username: ig.username ?? null },
      // Same Meta user as its Facebook Pages: one DELETE /{user}/permissions ends them all.
      grant: `meta:${userId}`,
    },
    // The linked Page's token: Graph accepts it for the IG account's calls.
    token: pageTokenSet(page.access_token!, IG_SCOPES, user),
  }
}

/**
 * Facebook Login (../_meta/facebook_login.ts), then one connection per Instagram professional
 * account linked to a Page the user manages. Pages without one are skipped.
 */
export const instagramAuth = facebookLoginAuth<LinkedPage>({
  scopes: IG_SCOPES,
  graph,
  dialog: (settings) => ({ host: igUrls(settings).dialog, version: apiVersion(settings) }),
  pageFields: PAGE_FIELDS,
  refreshFields: PAGE_FIELDS,
  connectable: (page) => !!page.instagram_business_account?.id,
  noneConnectable: {
    reason: "None of this login's Facebook Pages has an Instagram professional account linked",
    code: 'no_instagram_accounts',
  },
  connectionOf,
  isAccountPage: (page, ctx) => page.instagram_business_account?.id === ctx.account.externalId,
  whenGone: 'this login no longer manages the Page linked to the Instagram account',
})
