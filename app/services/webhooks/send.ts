import { OutboundRefusedError, outboundUrl } from '#sdk'
import outbound from '#services/outbound'

export type SendResult =
  { ok: true; status: number } | { ok: false; status: number | null; error: string }

/**
 * POSTs one signed webhook body through the outbound address policy shared with the
 * plugins and the media importer (sdk/outbound_policy.ts): the host is resolved once,
 * private/loopback/link-local targets are refused, the connection is pinned to the checked
 * address (no DNS rebinding). Redirects are not followed (a 3xx is a failed delivery); the
 * answer is bounded in time and size. The target was checked when saved, and is again here:
 * DNS may have changed since.
 */
export async function postWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs = 10_000
): Promise<SendResult> {
  let target: URL
  try {
    target = outboundUrl(url)
  } catch (error) {
    return { ok: false, status: null, error: (error as Error).message }
  }
  // undici (~100 modules) is loaded on the first delivery, not when the worker boots.
  const [{ request }, dispatcher] = await Promise.all([import('undici'), outbound.dispatcher()])
  try {
    const response = await request(target, {
      method: 'POST',
      dispatcher,
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
    const refused = error instanceof OutboundRefusedError
    return {
      ok: false,
      status: null,
      error: refused
        ? (error as Error).message
        : (error as Error).name === 'TimeoutError'
          ? 'timed out'
          : `could not connect: ${(error as Error).message}`,
    }
  }
}
