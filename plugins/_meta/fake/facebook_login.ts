import { createHmac, randomBytes } from 'node:crypto'
import type { FakeReply, FakeRequest, FakeServer } from '#sdk/testing/fake_server'
import { graphError } from './graph_replies.js'

/** The fake app both Facebook Login fakes (Facebook, Instagram) know. */
export const APP_ID = '1409876543210987'
export const APP_SECRET = 'fake-facebook-app-secret'
export const USER = { id: '10158000000000001', name: 'Pistache Owner' }
const CODE_LIFETIME_MS = 10 * 60_000
const LONG_LIVED_SECONDS = 5_184_000

export interface FakePage {
  id: string
  name: string
  username?: string
  tasks: string[]
  followers: number
}

interface TokenRecord {
  kind: 'short' | 'user' | 'page'
  userId: string
  pageId?: string
  /** The permissions granted at the Login dialog; a Page token carries its user token's. */
  scopes: string[]
  valid: boolean
  /** Why a check fails once `valid` is false (Graph's own wording). */
  deathNote?: string
}

/** The caller's token record, or the Graph error a request without a usable one gets. */
export type Authenticated = { record: TokenRecord; token: string } | FakeReply

/**
 * Facebook Login and the user's Pages as facebook/FLOW.md describes them: the OAuth dialog (consent
 * is automatic: 302 back with code and state), code → short-lived token (2 h), fb_exchange_token →
 * long-lived user token (60 days), /me, /{user}/accounts with a non-expiring token per Page, and
 * DELETE /{user}/permissions, which kills the user token and every Page token derived from it.
 * The Instagram fake extends it with the accounts linked to the Pages.
 */
export class FakeFacebookLogin<Page extends FakePage = FakePage> {
  #codes = new Map<string, { redirectUri: string; issuedAt: number; scopes: string[] }>()
  #tokens = new Map<string, TokenRecord>()
  /** The current token of each Page (Graph hands the same one out until it dies). */
  #pageTokens = new Map<string, string>()

  constructor(public pages: Page[]) {}

  isTokenValid(token: string) {
    return this.#tokens.get(token)?.valid === true
  }

  expire(token: string) {
    const record = this.#tokens.get(token)
    if (record)
      Object.assign(record, {
        valid: false,
        deathNote:
          'Error validating access token: Session has expired on Monday, 01-Jan-24 00:00:00 PST.',
      })
  }

  /** Whether the request's token was granted `permission` at the Login dialog. */
  granted(request: FakeRequest, permission: string) {
    const auth = this.authenticate(request, ['short', 'user', 'page'])
    return 'record' in auth && auth.record.scopes.includes(permission)
  }

  /** The caller's token (Authorization: Bearer/OAuth, or access_token) checked like Graph does, proof included. */
  authenticate(
    request: FakeRequest,
    kinds: TokenRecord['kind'][] = ['user', 'page']
  ): Authenticated {
    const header = String(request.headers.authorization ?? '')
    const token =
      request.bearer ??
      (header.startsWith('OAuth ') ? header.slice(6) : null) ??
      request.query.get('access_token') ??
      request.body.access_token
    if (!token)
      return graphError(
        'An active access token must be used to query information about the current user.',
        2500
      )
    const record = this.#tokens.get(token)
    if (!record) return graphError('Invalid OAuth access token - Cannot parse access token', 190)
    if (!record.valid)
      return graphError(
        record.deathNote ?? 'Error validating access token: Session has expired.',
        190
      )
    const proof = request.query.get('appsecret_proof') ?? request.body.appsecret_proof
    if (proof && proof !== createHmac('sha256', APP_SECRET).update(token).digest('hex')) {
      return graphError(
        'Invalid appsecret_proof provided in the API argument',
        100,
        400,
        'GraphMethodException'
      )
    }
    if (!kinds.includes(record.kind))
      return graphError(`(#200) This endpoint requires a ${kinds.join(' or ')} access token`, 200)
    return { record, token }
  }

  /** Extra Page fields a subclass adds (Instagram: instagram_business_account). */
  protected pageFields(_page: Page, _fields: string[]): Record<string, unknown> {
    return {}
  }

  routes(s: FakeServer) {
    s.route('GET', '/:ver/dialog/oauth', (request) => this.#dialog(request))
    s.route('GET', '/:ver/oauth/access_token', (request) => this.#accessToken(request))

    s.route('GET', '/:ver/me', (request) => {
      const auth = this.authenticate(request, ['short', 'user'])
      if (!('record' in auth)) return auth
      return { json: { id: USER.id, name: USER.name } }
    })

    s.route('GET', '/:ver/:user/accounts', (request) => {
      const auth = this.authenticate(request, ['short', 'user'])
      if (!('record' in auth)) return auth
      if (![USER.id, 'me'].includes(request.params.user))
        return graphError('(#100) Unsupported get request.', 100)
      // Split on commas outside braces: `picture{url}` and `instagram_business_account{id,…}` are one field each.
      const fields = (request.query.get('fields') ?? 'id,name').split(/,(?![^{]*})/)
      return {
        json: {
          data: this.pages.map((page) => this.#page(page, fields, auth.record.scopes)),
          paging: { cursors: { before: 'QVFI', after: 'QVFJ' } },
        },
      }
    })

    s.route('DELETE', '/:ver/:user/permissions', (request) => {
      const auth = this.authenticate(request, ['short', 'user'])
      if (!('record' in auth)) return auth
      for (const record of this.#tokens.values()) {
        if (record.userId !== auth.record.userId) continue
        Object.assign(record, {
          valid: false,
          deathNote: `Error validating access token: The user has not authorized application ${APP_ID}.`,
        })
      }
      return { json: { success: true } }
    })
  }

  #issue(kind: TokenRecord['kind'], scopes: string[], pageId?: string) {
    const token = `EAA${kind}${randomBytes(18).toString('base64url')}`
    this.#tokens.set(token, { kind, userId: USER.id, pageId, scopes, valid: true })
    return token
  }

  /** The Page's live token, now carrying the permissions of the user token that asked for it. */
  #pageToken(pageId: string, scopes: string[]) {
    const current = this.#pageTokens.get(pageId)
    if (current && this.isTokenValid(current)) {
      this.#tokens.get(current)!.scopes = scopes
      return current
    }
    const token = this.#issue('page', scopes, pageId)
    this.#pageTokens.set(pageId, token)
    return token
  }

  #page(page: Page, fields: string[], scopes: string[]) {
    return {
      id: page.id,
      ...(fields.includes('name') ? { name: page.name } : {}),
      ...(fields.includes('username') && page.username ? { username: page.username } : {}),
      ...(fields.includes('link')
        ? { link: `https://www.facebook.com/${page.username ?? page.id}` }
        : {}),
      ...(fields.includes('tasks') ? { tasks: page.tasks } : {}),
      ...(fields.includes('access_token')
        ? { access_token: this.#pageToken(page.id, scopes) }
        : {}),
      ...(fields.some((field) => field.startsWith('picture'))
        ? { picture: { data: { url: `https://scontent.example/${page.id}.jpg` } } }
        : {}),
      ...this.pageFields(page, fields),
    }
  }

  /** The consent screen, accepted at once: back to redirect_uri with a code and the state. */
  #dialog(request: FakeRequest): FakeReply {
    const q = request.query
    const redirectUri = q.get('redirect_uri') ?? ''
    if (q.get('client_id') !== APP_ID || !/^https?:\/\//.test(redirectUri))
      return { status: 400, text: 'Invalid App ID or redirect_uri' }
    if (!q.get('state') || !q.get('scope'))
      return { status: 400, text: 'state and scope are expected' }
    const code = randomBytes(24).toString('base64url')
    this.#codes.set(code, {
      redirectUri,
      issuedAt: Date.now(),
      scopes: q.get('scope')!.split(','),
    })
    const target = new URL(redirectUri)
    target.searchParams.set('code', code)
    target.searchParams.set('state', q.get('state')!)
    return { redirect: `${target.toString()}#_=_` }
  }

  /** One endpoint, two grants: a code (→ short-lived token) or fb_exchange_token (→ long-lived user token). */
  #accessToken(request: FakeRequest): FakeReply {
    const q = request.query
    if (q.get('client_id') !== APP_ID || q.get('client_secret') !== APP_SECRET)
      return graphError('Error validating client secret.', 1, 400)
    if (q.get('grant_type') === 'fb_exchange_token') {
      const short = this.#tokens.get(q.get('fb_exchange_token') ?? '')
      if (!short?.valid || short.kind === 'page')
        return graphError('Invalid OAuth access token - Cannot parse access token', 190)
      return {
        json: {
          access_token: this.#issue('user', short.scopes),
          token_type: 'bearer',
          expires_in: LONG_LIVED_SECONDS,
        },
      }
    }
    const grant = this.#codes.get(q.get('code') ?? '')
    this.#codes.delete(q.get('code') ?? '')
    if (!grant || Date.now() - grant.issuedAt > CODE_LIFETIME_MS)
      return graphError('This authorization code has been used.', 100, 400)
    if (grant.redirectUri !== q.get('redirect_uri')) {
      return graphError(
        'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request',
        100
      )
    }
    return {
      json: {
        access_token: this.#issue('short', grant.scopes),
        token_type: 'bearer',
        expires_in: 5183,
      },
    }
  }
}
