import { ok, type AccountProfile, type HttpClient, type PluginSettings, type Result } from '#sdk'
import { linkedinUrls, restHeaders } from './urls.js'

interface UserInfo {
  sub: string
  name?: string
  given_name?: string
  family_name?: string
  picture?: string
}

interface OrganizationAcl {
  organization: string
  role: string
  state: string
}

interface Organization {
  id: number | string
  localizedName?: string
  vanityName?: string
}

/** The member behind a token (OpenID Connect userinfo: `sub` is the person id). */
export async function fetchMember(
  http: HttpClient,
  accessToken: string
): Promise<Result<AccountProfile>> {
  const info = await http.send<UserInfo>({ url: '/v2/userinfo', bearer: accessToken })
  if (info.status !== 'ok') return info
  const user = info.value.body
  const name =
    user.name || [user.given_name, user.family_name].filter(Boolean).join(' ') || user.sub
  return ok({
    externalId: `urn:li:person:${user.sub}`,
    handle: name,
    displayName: name,
    avatarUrl: user.picture ?? null,
    // OIDC gives no vanity name, so there is no stable public profile URL to show.
    profileUrl: null,
    meta: { urn: `urn:li:person:${user.sub}`, kind: 'person' },
  })
}

/**
 * Organisations (LinkedIn Pages) the member administers. Without Community Management
 * approval LinkedIn answers 403 to the ACL finder: that simply means "no pages".
 */
export async function fetchAdministeredOrganizations(
  http: HttpClient,
  settings: PluginSettings,
  accessToken: string
): Promise<Result<AccountProfile[]>> {
  const acls = await http.send<{ elements?: OrganizationAcl[] }>({
    url: '/rest/organizationAcls',
    query: { q: 'roleAssignee', role: 'ADMINISTRATOR', state: 'APPROVED' },
    headers: restHeaders(settings),
    bearer: accessToken,
  })
  if (acls.status === 'error' && acls.httpStatus === 403) return ok([])
  if (acls.status !== 'ok') return acls
  const profiles: AccountProfile[] = []
  for (const acl of acls.value.body.elements ?? []) {
    const id = acl.organization.split(':').pop()!
    const org = await http.send<Organization>({
      url: `/rest/organizations/${id}`,
      headers: restHeaders(settings),
      bearer: accessToken,
    })
    if (org.status !== 'ok') return org
    const name = org.value.body.localizedName ?? acl.organization
    const vanity = org.value.body.vanityName
    profiles.push({
      externalId: acl.organization,
      handle: vanity ?? name,
      displayName: name,
      avatarUrl: null,
      profileUrl: vanity
        ? `${linkedinUrls(settings).web.replace(/\/$/, '')}/company/${vanity}/`
        : null,
      meta: { urn: acl.organization, kind: 'organization' },
    })
  }
  return ok(profiles)
}

/** The URN posts are authored as: the member, or the organisation picked at connect time. */
export const authorUrn = (account: AccountProfile) =>
  String(account.meta?.urn ?? account.externalId)
export const isOrganization = (account: AccountProfile) =>
  authorUrn(account).startsWith('urn:li:organization:')
