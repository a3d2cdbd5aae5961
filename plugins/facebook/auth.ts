import type { Connection, PluginContext } from '#sdk'
import { facebookLoginAuth, pageTokenSet, type UserToken } from '../_meta/facebook_login.js'
import { apiVersion, fbUrls, graph } from './graph.js'

export const FB_SCOPES = [
  'pages_show_list',
  'pages_read_engagement',
  'pages_manage_posts',
  'read_insights',
  'publish_video',
  // The first comment under a Page post, as the Page (facebook/FLOW.md scopes).
  'pages_manage_engagement',
]

interface FacebookPage {
  id: string
  name: string
  access_token?: string
  tasks?: string[]
  link?: string
  username?: string
  picture?: { data?: { url?: string } }
}

function connectionOf(
  ctx: PluginContext,
  page: FacebookPage,
  userId: string,
  user: UserToken
): Connection {
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

/** Facebook Login (../_meta/facebook_login.ts), then one connection per Page the user can publish to. */
export const facebookAuth = facebookLoginAuth<FacebookPage>({
  scopes: FB_SCOPES,
  graph: (ctx) => graph(ctx),
  dialog: (settings) => ({ host: fbUrls(settings).dialog, version: apiVersion(settings) }),
  pageFields: 'id,name,username,link,access_token,tasks,picture{url}',
  refreshFields: 'id,access_token,tasks',
  // Without CREATE_CONTENT the Page token cannot post.
  connectable: (page) => !page.tasks || page.tasks.includes('CREATE_CONTENT'),
  noneConnectable: {
    reason: 'This login manages no Facebook Page it may publish to',
    code: 'no_pages',
  },
  connectionOf,
  isAccountPage: (page, ctx) => page.id === ctx.account.externalId,
  whenGone: 'this login no longer manages the Page',
})
