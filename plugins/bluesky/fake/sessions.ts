import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

const ACCESS_SECONDS = 2 * 60 * 60 // the PDS's access JWTs live two hours
const REFRESH_SECONDS = 90 * 24 * 60 * 60

type Scope = 'com.atproto.access' | 'com.atproto.refresh'

/** Why a token was refused, as the PDS's auth verifier says it (status and XRPC error). */
export interface TokenProblem {
  status: 400 | 401
  error: 'ExpiredToken' | 'InvalidToken' | 'AuthenticationRequired'
  message: string
}

/**
 * JWT-shaped session tokens (HS256 over a per-fake secret) with `exp`, `scope` and `sub`
 * like the PDS's. A session is the chain of tokens since createSession: refreshing
 * rotates the refresh JWT, deleteSession ends the whole chain.
 */
export class Sessions {
  #secret = randomBytes(32)
  #sessions = new Map<string, { did: string; ended: boolean }>()
  #usedRefresh = new Set<string>()
  #expired = new Set<string>()

  create(did: string) {
    const sid = randomBytes(8).toString('hex')
    this.#sessions.set(sid, { did, ended: false })
    return this.#pair(sid, did)
  }

  /** Rotates a session: the old refresh JWT cannot be used again. */
  refresh(refreshJwt: string) {
    const checked = this.verify(refreshJwt, 'com.atproto.refresh')
    if ('problem' in checked) return checked
    this.#usedRefresh.add(refreshJwt)
    return { tokens: this.#pair(checked.sid, checked.did) }
  }

  end(refreshJwt: string) {
    const checked = this.verify(refreshJwt, 'com.atproto.refresh')
    if ('problem' in checked) return checked
    this.#sessions.get(checked.sid)!.ended = true
    return { ended: true as const }
  }

  /** The kit's "this token has expired" switch, whatever its `exp` says. */
  expire(jwt: string) {
    this.#expired.add(jwt)
  }

  verify(
    jwt: string | null,
    scope: Scope = 'com.atproto.access'
  ): { sid: string; did: string } | { problem: TokenProblem } {
    if (!jwt)
      return {
        problem: {
          status: 401,
          error: 'AuthenticationRequired',
          message: 'Authentication Required',
        },
      }
    const [header, payload, signature] = jwt.split('.')
    const expected = this.#sign(`${header}.${payload}`)
    const given = Buffer.from(signature ?? '', 'base64url')
    if (!payload || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return {
        problem: { status: 401, error: 'InvalidToken', message: 'Token could not be verified' },
      }
    }
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
    const session = this.#sessions.get(claims.sid)
    if (claims.scope !== scope)
      return { problem: { status: 400, error: 'InvalidToken', message: 'Bad token scope' } }
    if (!session || session.ended || this.#usedRefresh.has(jwt)) {
      return { problem: { status: 401, error: 'InvalidToken', message: 'Token has been revoked' } }
    }
    if (this.#expired.has(jwt) || claims.exp * 1000 <= Date.now()) {
      return { problem: { status: 400, error: 'ExpiredToken', message: 'Token has expired' } }
    }
    return { sid: claims.sid, did: claims.sub }
  }

  #pair(sid: string, did: string) {
    return {
      accessJwt: this.#jwt({ scope: 'com.atproto.access', sub: did, sid }, ACCESS_SECONDS),
      refreshJwt: this.#jwt({ scope: 'com.atproto.refresh', sub: did, sid }, REFRESH_SECONDS),
    }
  }

  #jwt(claims: Record<string, string>, lifetime: number) {
    const now = Math.floor(Date.now() / 1000)
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
    const body = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ ...claims, iat: now, exp: now + lifetime, jti: randomBytes(8).toString('hex') })}`
    return `${body}.${this.#sign(body).toString('base64url')}`
  }

  #sign(data: string) {
    return createHmac('sha256', this.#secret).update(data).digest()
  }
}
