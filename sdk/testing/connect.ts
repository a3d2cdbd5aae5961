import { createHash, randomBytes } from 'node:crypto'
import type { Connection, NetworkPlugin, PluginContext } from '../contract.js'
import { HttpClient } from '../http.js'
import { failed, type Result } from '../results.js'
import type { FakeNetwork } from './fake_network.js'

export const TEST_REDIRECT_URI = 'http://127.0.0.1:9/oauth/callback'

export function contextFor(fake: FakeNetwork, timeoutMs = 2000): PluginContext {
  return {
    settings: fake.settings,
    // As the app does: only the configured URLs are trusted; a fake standing for a host the
    // user types (a Mastodon instance) is reachable because its helper allowed its address.
    http: new HttpClient({
      baseUrl: Object.values(fake.settings.urls)[0] ?? 'http://invalid.invalid',
      trustedOrigins: Object.values(fake.settings.urls),
      timeoutMs,
    }),
  }
}

export function pkcePair() {
  const verifier = randomBytes(32).toString('base64url')
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') }
}

/**
 * Plays the user's side of a consent screen: opens the authorization URL and reads
 * the code from the redirect the fake answers with, checking that `state` came back.
 */
async function consent(authorizationUrl: string, state: string): Promise<Result<string>> {
  const response = await fetch(authorizationUrl, { redirect: 'manual' })
  const location = response.headers.get('location')
  if (!location)
    return failed(`authorization answered ${response.status} without a redirect`, false)
  const redirect = new URL(location)
  if (redirect.searchParams.get('state') !== state)
    return failed('state was not returned unchanged', false)
  const code = redirect.searchParams.get('code')
  return code ? { status: 'ok', value: code } : failed('no code in the redirect', false)
}

/**
 * Connecting is a test's setup, not what it tests: the fake answers in milliseconds, and the
 * limit only ends a request that never will. 2 s was outlasted on a loaded machine.
 */
const CONNECT_TIMEOUT_MS = 30_000

/** Runs the plugin's whole connect flow against its fake, whatever the auth kind. */
export async function connectThroughFake<O>(
  plugin: NetworkPlugin<O>,
  fake: FakeNetwork
): Promise<Result<Connection[]>> {
  const ctx = contextFor(fake, CONNECT_TIMEOUT_MS)
  const auth = plugin.auth
  const state = randomBytes(16).toString('hex')
  const pkce = pkcePair()

  if (auth.kind === 'credentials') return auth.connect(ctx, fake.credentials ?? {})

  if (auth.kind === 'oauth2') {
    const url = auth.authorizationUrl(ctx, {
      state,
      redirectUri: TEST_REDIRECT_URI,
      codeChallenge: auth.pkce ? pkce.challenge : undefined,
    })
    const code = await consent(url, state)
    if (code.status !== 'ok') return code
    return auth.exchangeCode(ctx, {
      code: code.value,
      redirectUri: TEST_REDIRECT_URI,
      codeVerifier: auth.pkce ? pkce.verifier : undefined,
    })
  }

  const instanceUrl = fake.instanceUrl ?? fake.server.baseUrl
  const app = await auth.registerApp(ctx, { instanceUrl, redirectUri: TEST_REDIRECT_URI })
  if (app.status !== 'ok') return app
  const url = auth.authorizationUrl(ctx, {
    instanceUrl,
    clientId: app.value.clientId,
    state,
    redirectUri: TEST_REDIRECT_URI,
    codeChallenge: auth.pkce ? pkce.challenge : undefined,
  })
  const code = await consent(url, state)
  if (code.status !== 'ok') return code
  return auth.exchangeCode(ctx, {
    instanceUrl,
    ...app.value,
    code: code.value,
    redirectUri: TEST_REDIRECT_URI,
    codeVerifier: auth.pkce ? pkce.verifier : undefined,
  })
}
