import { createWriteStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import type { Agent as UndiciAgent, Dispatcher } from 'undici'
import { resolvePublicAddress, type ResolvedHost } from '#services/outbound_guard'

export type SafeFetchErrorCode =
  | 'invalid_url'
  | 'forbidden_scheme'
  | 'forbidden_address'
  | 'too_many_redirects'
  | 'http_status'
  | 'too_large'
  | 'bad_content_type'
  | 'timeout'
  | 'network'

/** Why a fetch was refused or failed; `code` is stable (tests and translations use it). */
export class SafeFetchError extends Error {
  constructor(
    readonly code: SafeFetchErrorCode,
    message: string
  ) {
    super(message)
    this.name = 'SafeFetchError'
  }
}

export interface SafeFetchOptions {
  maxBytes: number
  /** Total time for every hop, headers and body together. */
  timeoutMs: number
  maxRedirects?: number
  /** Tests and local fakes only: lets the URL reach loopback/private addresses. */
  allowPrivate?: boolean
  /** Content types (without parameters) accepted; anything else is refused before the body is read. */
  acceptContentTypes?: (contentType: string) => boolean
  /**
   * Replaces the resolve-and-check step (tests: map a made-up public name to a local
   * server). Whatever it returns is the address connected to.
   */
  resolveHost?: (hostname: string) => Promise<ResolvedHost | null>
}

export interface FetchedFile {
  /** A temporary file holding the body; the caller removes it. */
  path: string
  bytes: number
  contentType: string
  finalUrl: URL
  /** The last path segment of the final URL, for display only. */
  name: string
}

/** http(s) only, no credentials in the URL. */
function parseTarget(raw: string | URL): URL {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new SafeFetchError('invalid_url', 'This is not a valid URL')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SafeFetchError(
      'forbidden_scheme',
      `Only http and https URLs can be fetched, not ${url.protocol}`
    )
  }
  if (url.username || url.password)
    throw new SafeFetchError('invalid_url', 'URLs with credentials are not fetched')
  return url
}

/**
 * An agent whose every connection goes to the one address checked beforehand, whatever
 * the name would resolve to now: a DNS answer that changes between the check and the
 * connection (rebinding) is never used. TLS still verifies the certificate for the name.
 */
function pinnedAgent(Agent: typeof UndiciAgent, address: string, family: 4 | 6) {
  return new Agent({
    connections: 1,
    pipelining: 0,
    connect: {
      lookup: (
        _hostname: string,
        options: { all?: boolean },
        callback: (...args: any[]) => void
      ) => {
        if (options?.all) callback(null, [{ address, family }])
        else callback(null, address, family)
      },
    },
  })
}

/**
 * The one way the app fetches a URL a user typed: it resolves the host once, refuses
 * loopback/private/link-local/multicast/reserved targets (IPv4 and IPv6, in every
 * spelling the URL parser accepts: decimal, octal, hex, IPv4-mapped), connects to the
 * pinned address, re-checks every redirect hop (at most `maxRedirects`), and bounds size
 * and time. The body is streamed to a temporary file, never held whole in memory.
 */
export async function safeFetchToFile(
  raw: string | URL,
  options: SafeFetchOptions
): Promise<FetchedFile> {
  const maxRedirects = options.maxRedirects ?? 5
  const deadline = AbortSignal.timeout(options.timeoutMs)
  let url = parseTarget(raw)
  // undici (~100 modules) is loaded by the first import from a URL, not at boot.
  const { Agent, request } = await import('undici')
  for (let hop = 0; ; hop++) {
    const target = options.resolveHost
      ? await options.resolveHost(url.hostname)
      : await resolvePublicAddress(url.hostname, options.allowPrivate)
    if (!target)
      throw new SafeFetchError('forbidden_address', `${url.hostname} is not a public address`)
    const agent = pinnedAgent(Agent, target.address, target.family)
    let response: Dispatcher.ResponseData
    try {
      response = await request(url, {
        dispatcher: agent,
        method: 'GET',
        signal: deadline,
        headers: {
          'user-agent': 'PistachePostiz-MediaImport/1.0',
          'accept': 'image/*,video/*;q=0.9',
        },
      })
    } catch (error) {
      await agent.close().catch(() => {})
      throw deadline.aborted
        ? new SafeFetchError('timeout', 'The server took too long to answer')
        : new SafeFetchError(
            'network',
            `Could not reach ${url.hostname}: ${(error as Error).message}`
          )
    }
    try {
      const location = response.headers.location
      if (response.statusCode >= 300 && response.statusCode < 400 && location) {
        await response.body.dump().catch(() => {})
        if (hop >= maxRedirects)
          throw new SafeFetchError('too_many_redirects', `More than ${maxRedirects} redirects`)
        url = parseTarget(new URL(String(location), url))
        continue
      }
      if (response.statusCode < 200 || response.statusCode >= 300) {
        await response.body.dump().catch(() => {})
        throw new SafeFetchError('http_status', `The server answered ${response.statusCode}`)
      }
      const contentType = String(response.headers['content-type'] ?? '')
        .split(';')[0]
        .trim()
        .toLowerCase()
      if (options.acceptContentTypes && !options.acceptContentTypes(contentType)) {
        await response.body.dump().catch(() => {})
        throw new SafeFetchError(
          'bad_content_type',
          `Unsupported content type "${contentType || 'none'}"`
        )
      }
      const declared = Number(response.headers['content-length'] ?? Number.NaN)
      if (Number.isFinite(declared) && declared > options.maxBytes) {
        await response.body.dump().catch(() => {})
        throw new SafeFetchError('too_large', `The file is larger than ${options.maxBytes} bytes`)
      }
      const path = join(tmpdir(), `pistache-import-${randomUUID()}`)
      const bytes = await streamCapped(response.body, path, options.maxBytes, deadline)
      const name =
        decodeURIComponent(url.pathname.split('/').filter(Boolean).at(-1) ?? '') || url.hostname
      return { path, bytes, contentType, finalUrl: url, name }
    } finally {
      await agent.close().catch(() => {})
    }
  }
}

async function streamCapped(
  body: AsyncIterable<Uint8Array>,
  path: string,
  maxBytes: number,
  deadline: AbortSignal
) {
  const out = createWriteStream(path, { flags: 'wx', mode: 0o600 })
  let total = 0
  try {
    for await (const chunk of body) {
      total += chunk.byteLength
      if (total > maxBytes)
        throw new SafeFetchError('too_large', `The file is larger than ${maxBytes} bytes`)
      if (!out.write(chunk))
        await new Promise<void>((resolve) => out.once('drain', () => resolve()))
    }
    await new Promise<void>((resolve, reject) =>
      out.end((error?: Error | null) => (error ? reject(error) : resolve()))
    )
    return total
  } catch (error) {
    out.destroy()
    await rm(path, { force: true })
    if (error instanceof SafeFetchError) throw error
    if (deadline.aborted) throw new SafeFetchError('timeout', 'The download took too long')
    throw new SafeFetchError('network', `The download failed: ${(error as Error).message}`)
  }
}
