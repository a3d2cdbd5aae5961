import type { FakeReply, FakeRequest } from '#sdk/testing/fake_server'

export const MEMBER = {
  sub: 'aB3dE5fG7h',
  name: 'Camille Pistache',
  picture: 'https://media.licdn.com/dms/image/camille.jpg',
}
export const ORGANIZATIONS = [
  { id: 2414183, localizedName: 'Pistache Agency', vanityName: 'pistache-agency' },
  { id: 5580231, localizedName: 'Pistache Labs', vanityName: 'pistache-labs' },
]
export const MEMBER_URN = `urn:li:person:${MEMBER.sub}`

/** LinkedIn's error envelope. */
export const error = (status: number, message: string, code = 'ERROR'): FakeReply => ({
  status,
  json: { status, serviceErrorCode: 100, code, message },
})

/** The member may act as themself or as a Page they administer. */
export function mayActAs(urn: string) {
  return urn === MEMBER_URN || ORGANIZATIONS.some((org) => urn === `urn:li:organization:${org.id}`)
}

/** What the gate needs from the fake: its token check and the scopes a token was granted. */
export interface TokenSource {
  isTokenValid(accessToken: string): boolean
  scopeOf(token: string): string[]
}

/** The checks in front of LinkedIn's routes: the bearer token, then (for /rest) the versioning headers. */
export class RestGate {
  constructor(private tokens: TokenSource) {}

  auth(request: FakeRequest): FakeReply | null {
    if (!request.bearer || !this.tokens.isTokenValid(request.bearer))
      return error(401, 'Invalid access token', 'INVALID_ACCESS_TOKEN')
    return null
  }

  /** Auth, then the versioning headers every /rest call needs. */
  rest(request: FakeRequest): FakeReply | null {
    const denied = this.auth(request)
    if (denied) return denied
    const version = String(request.headers['linkedin-version'] ?? '')
    if (!/^\d{6}(\.\d{2})?$/.test(version))
      return error(
        400,
        `A version must be present. Please specify a version by adding the LinkedIn-Version header`,
        'VERSION_MISSING'
      )
    if (request.headers['x-restli-protocol-version'] !== '2.0.0')
      return error(400, 'X-Restli-Protocol-Version 2.0.0 is required', 'PROTOCOL_VERSION')
    return null
  }

  can(request: FakeRequest, scope: string) {
    return this.tokens.scopeOf(request.bearer ?? '').includes(scope)
  }
}
