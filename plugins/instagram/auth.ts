import { failed, ok, type AccountContext, type Connection, type OAuth2Auth, type PluginContext } from '#sdk'
import { longLivedUserToken, loginDialogUrl, managedPages, pageTokenSet, refreshPageToken, revokeLogin, type UserToken } from '../_meta/facebook_login.js'
import { apiVersion, graph, igUrls } from './graph.js'

/** Instagram API with Facebook Login (instagram/FLOW.md "Two login variants"). */
export const IG_SCOPES = ['instagram_basic', 'instagram_content_publish', 'instagram_manage_insights', 'pages_show_list', 'pages_read_engagement']

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

const PAGE_FIELDS = 'id,name,access_token,instagram_business_account{id,username,name,profile_picture_url}'

function connectionOf(ctx: PluginContext, page: LinkedPage, userId: string, user: UserToken): Connection {
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
 * account linked to a Page the user manages (the picker). Pages without one are skipped.
 */
export const instagramAuth: OAuth2Auth = {
  kind: 'oauth2',
  pkce: false,
  scopes: IG_SCOPES,
  picker: true,

  authorizationUrl(ctx, request) {
    return loginDialogUrl(igUrls(ctx.settings).dialog, apiVersion(ctx.settings), ctx.settings, IG_SCOPES, request)
  },

  async exchangeCode(ctx, { code, redirectUri }) {
    const user = await longLivedUserToken(graph(ctx), ctx.settings, code, redirectUri)
    if (user.status !== 'ok') return user
    const listed = await managedPages<LinkedPage>(graph(ctx), user.value.token, PAGE_FIELDS)
    if (listed.status !== 'ok') return listed
    const pages = listed.value.pages.filter((page) => page.access_token && page.instagram_business_account?.id)
    if (!pages.length) return failed('None of this login\'s Facebook Pages has an Instagram professional account linked', false, 'no_instagram_accounts')
    return ok(pages.map((page) => connectionOf(ctx, page, listed.value.userId, user.value)))
  },

  refresh(ctx: AccountContext) {
    return refreshPageToken<LinkedPage>(graph(ctx), ctx, {
      fields: PAGE_FIELDS,
      isThePage: (page) => page.instagram_business_account?.id === ctx.account.externalId,
      whenGone: 'this login no longer manages the Page linked to the Instagram account',
    })
  },

  /** Removes the app for the whole Facebook login (every account connected through it). */
  revoke(ctx: AccountContext) {
    return revokeLogin(graph(ctx), ctx)
  },
}
