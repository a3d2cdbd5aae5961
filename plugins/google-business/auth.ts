import { ok, type AccountProfile, type PluginContext, type Result, type TokenSet } from '#sdk'
import { googleOAuth } from '../_google/oauth.js'
import { apiHttp, googleBusinessUrls } from './urls.js'

const SCOPES = ['https://www.googleapis.com/auth/business.manage']

interface Account {
  name: string
  accountName: string
  type: string
}
interface Location {
  name: string
  title: string
  metadata?: { mapsUri?: string; newReviewUri?: string }
}

/** Every location of every business account the user manages, one connectable account each. */
async function locationsOf(ctx: PluginContext, token: TokenSet): Promise<Result<AccountProfile[]>> {
  const accounts = await apiHttp(ctx, 'accounts').send<{ accounts?: Account[] }>({
    url: '/v1/accounts',
    query: { pageSize: '20' },
    bearer: token.accessToken,
  })
  if (accounts.status !== 'ok') return accounts
  const profiles: AccountProfile[] = []
  for (const account of accounts.value.body.accounts ?? []) {
    const listed = await apiHttp(ctx, 'locations').send<{ locations?: Location[] }>({
      url: `/v1/${account.name}/locations`,
      query: { readMask: 'name,title,metadata', pageSize: '100' },
      bearer: token.accessToken,
    })
    if (listed.status !== 'ok') return listed
    for (const location of listed.value.body.locations ?? []) {
      profiles.push({
        externalId: location.name,
        handle: location.title,
        displayName: location.title,
        avatarUrl: null,
        profileUrl: location.metadata?.mapsUri ?? null,
        meta: { accountName: account.name, businessAccount: account.accountName },
      })
    }
  }
  return ok(profiles)
}

/**
 * Google OAuth (the shared flow in plugins/_google). One sign-in may manage many locations
 * across business accounts: the app asks which to connect; revoking ends the whole grant (the
 * app does so for the last location).
 */
export const googleBusinessAuth = googleOAuth({
  scopes: SCOPES,
  urls: googleBusinessUrls,
  picker: true,
  accountsOf: locationsOf,
  noAccount: { reason: 'this Google account manages no business location', code: 'no_location' },
  noRefreshToken: 'no refresh token: reconnect the account',
})
