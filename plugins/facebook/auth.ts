import { failed, ok, type AccountContext, type Connection, type OAuth2Auth, type PluginContext } from '#sdk'
import { longLivedUserToken, loginDialogUrl, managedPages, pageTokenSet, refreshPageToken, revokeLogin, type UserToken } from '../_meta/facebook_login.js'
import { apiVersion, fbUrls, graph } from './graph.js'

export const FB_SCOPES = ['pages_show_list', 'pages_read_engagement', 'pages_manage_posts', 'read_insights', 'publish_video']

interface FacebookPage {
  id: string
  name: string
  access_token?: string
  tasks?: string[]
  link?: string
  username?: string
  picture?: { data?: { url?: string } }
}

const PAGE_FIELDS = 'id,name,username,link,access_token,tasks,picture{url}'

/** Pages where the user may publish; without CREATE_CONTENT the Page token cannot post. */
const canPublish = (page: FacebookPage) => !page.tasks || page.tasks.includes('CREATE_CONTENT')

function connectionOf(ctx: PluginContext, page: FacebookPage, userId: string, user: UserToken): Connection {
  const web = fbUrls(ctx.settings).web.replace(/\/$/, '')
  return {
    profile: {
      externalId: page.id,
      handle: page.username ?? page.name,
      displayName: page.name,
      avatarUrl: page.picture?.data?.url ?? null,
      profileUrl: page.link ?? `${web}/${page.id}`,
      meta: { userId },
      // DELETE /{user}/permissions ends every Page (and Instagram account) of this Meta user.
      grant: `meta:${userId}`,
    },
    token: pageTokenSet(page.access_token!, FB_SCOPES, user),
  }
}

/** Facebook Login (../_meta/facebook_login.ts), then one connection per Page the user can publish to: the app shows them in a picker. */
export const facebookAuth: OAuth2Auth = {
  kind: 'oauth2',
  pkce: false,
  scopes: FB_SCOPES,
  picker: true,

  authorizationUrl(ctx, request) {
    return loginDialogUrl(fbUrls(ctx.settings).dialog, apiVersion(ctx.settings), ctx.settings, FB_SCOPES, request)
  },

  async exchangeCode(ctx, { code, redirectUri }) {
    const user = await longLivedUserToken(graph(ctx), ctx.settings, code, redirectUri)
    if (user.status !== 'ok') return user
    const listed = await managedPages<FacebookPage>(graph(ctx), user.value.token, PAGE_FIELDS)
    if (listed.status !== 'ok') return listed
    const pages = listed.value.pages.filter((page) => page.access_token && canPublish(page))
    if (!pages.length) return failed('This login manages no Facebook Page it may publish to', false, 'no_pages')
    return ok(pages.map((page) => connectionOf(ctx, page, listed.value.userId, user.value)))
  },

  refresh(ctx: AccountContext) {
    return refreshPageToken<FacebookPage>(graph(ctx), ctx, {
      fields: 'id,access_token,tasks',
      isThePage: (page) => page.id === ctx.account.externalId,
      whenGone: 'this login no longer manages the Page',
    })
  },

  /** Removes the app for the whole login: sibling Pages (and Instagram accounts) lose their tokens too. */
  revoke(ctx: AccountContext) {
    return revokeLogin(graph(ctx), ctx)
  },
}
