import { ok, type AccountProfile, type HttpClient, type PluginSettings, type Result } from '#sdk'
import { appviewHeaders, authedCall, webBase } from './xrpc.js'

/** app.bsky.actor.defs#profileViewDetailed, the fields used here. */
export interface ProfileView {
  did: string
  handle: string
  displayName?: string
  avatar?: string
  followersCount?: number
  followsCount?: number
  postsCount?: number
}

/** What createSession / refreshSession answer. */
export interface Session {
  accessJwt: string
  refreshJwt: string
  handle: string
  did: string
  didDoc?: { service?: { id?: string; type?: string; serviceEndpoint?: unknown }[] }
}

/**
 * The PDS that hosts the account, from the DID document the session carries. An account
 * on bsky.social lives on a shard (https://…host.bsky.network); the entryway also works,
 * so the service URL the user typed is the fallback.
 */
export function pdsFromSession(session: Session, serviceUrl: string) {
  const pds = session.didDoc?.service?.find(
    (s) => s.id?.endsWith('#atproto_pds') || s.type === 'AtprotoPersonalDataServer'
  )
  return typeof pds?.serviceEndpoint === 'string' && /^https?:\/\//.test(pds.serviceEndpoint)
    ? pds.serviceEndpoint
    : serviceUrl
}

export async function getProfile(
  http: HttpClient,
  settings: PluginSettings,
  accessToken: string,
  actor: string
) {
  return authedCall<ProfileView>(http, accessToken, {
    url: '/xrpc/app.bsky.actor.getProfile',
    query: { actor },
    headers: appviewHeaders(settings),
  })
}

export async function fetchProfile(
  http: HttpClient,
  settings: PluginSettings,
  session: Session,
  pdsUrl: string
): Promise<Result<AccountProfile>> {
  const profile = await getProfile(http, settings, session.accessJwt, session.did)
  if (profile.status !== 'ok') return profile
  const p = profile.value.body
  return ok({
    externalId: session.did,
    handle: p.handle ?? session.handle,
    displayName: p.displayName || p.handle || session.handle,
    avatarUrl: p.avatar ?? null,
    profileUrl: `${webBase(settings)}/profile/${p.handle ?? session.handle}`,
    meta: { pdsUrl, did: session.did },
  })
}
