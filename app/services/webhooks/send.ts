import app from '@adonisjs/core/services/app'
import type { MediaConfig } from '#config/media'
import { resolvePublicAddress } from '#services/outbound_guard'

export type SendResult =
  { ok: true; status: number } | { ok: false; status: number | null; error: string }

/**
 * POSTs one signed webhook body. The same rules as the media fetcher
 * (app/services/safe_fetch.ts, which only GETs to a file): the host is resolved once
 * through the shared outbound guard, private/loopback/link-local targets are refused,
 * the connection is pinned to the checked address (no DNS rebinding), redirects are not
 * followed (a 3xx is a failed delivery), the answer is bounded in time and size.
 * Private targets are reachable only under the same test flag as media imports.
 */
export async function postWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs = 10_000
): Promise<SendResult> {
  let target: URL
  try {
    target = new URL(url)
  } catch {
    return { ok: false, status: null, error: 'invalid URL' }
  }
  if (!['http:', 'https:'].includes(target.protocol) || target.username || target.password) {
    return { ok: false, status: null, error: 'only http(s) URLs without credentials' }
  }
  const allowPrivate = app.config.get<MediaConfig>('media').import.allowPrivateTargets
  const resolved = await resolvePublicAddress(target.hostname, allowPrivate)
  if (!resolved)
    return { ok: false, status: null, error: `${target.hostname} is not a public address` }
  // undici (~100 modules) is loaded on the first delivery, not when the worker boots.
  const { Agent, request } = await import('undici')
  const agent = new Agent({
    connections: 1,
    connect: {
      lookup: (_host: string, options: { all?: boolean }, callback: (...args: any[]) => void) =>
        options?.all
          ? callback(null, [{ address: resolved.address, family: resolved.family }])
          : callback(null, resolved.address, resolved.family),
    },
  })
  try {
    const response = await request(target, {
      method: 'POST',
      dispatcher: agent,
      body,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'PistachePostiz-Webhooks/1.0',
        ...headers,
      },
      signal: AbortSignal.timeout(timeoutMs),
    })
    // Only the status matters; read at most a little of the answer, then drop it.
    await response.body.dump({ limit: 64 * 1024 }).catch(() => {})
    const ok = response.statusCode >= 200 && response.statusCode < 300
    return ok
      ? { ok, status: response.statusCode }
      : { ok, status: response.statusCode, error: `the receiver answered ${response.statusCode}` }
  } catch (error) {
    return {
      ok: false,
      status: null,
      error:
        (error as Error).name === 'TimeoutError'
          ? 'timed out'
          : `could not connect: ${(error as Error).message}`,
    }
  } finally {
    await agent.close().catch(() => {})
  }
}
