import { createWriteStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import type { Dispatcher } from 'undici'
import { OutboundRefusedError, outboundUrl, type OutboundPolicy } from '#sdk'
import outbound from '#services/outbound'

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
  /** Content types (without parameters) accepted; anything else is refused before the body is read. */
  acceptContentTypes?: (contentType: string) => boolean
  /** The address policy; the process-wide one unless a test gives its own (an injected resolver). */
  outbound?: OutboundPolicy
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

/** The policy's refusal behind an error (thrown as is, or as a request error's cause), as this module's error. */
function refusedBy(error: unknown) {
  const refusal = [error, (error as { cause?: unknown })?.cause].find(
    (candidate) => candidate instanceof OutboundRefusedError
  ) as OutboundRefusedError | undefined
  if (!refusal) return null
  const code = refusal.reason === 'unresolvable' ? 'forbidden_address' : refusal.reason
  return new SafeFetchError(code, refusal.message)
}

function parseTarget(raw: string | URL) {
  try {
    return outboundUrl(raw)
  } catch (error) {
    throw refusedBy(error) ?? error
  }
}

/**
 * Sends a GET through the outbound address policy (sdk/outbound_policy.ts: resolved once,
 * private targets refused in every spelling, the connection pinned to the checked address)
 * and follows redirects by hand (at most `maxRedirects`) so each one is checked again.
 * Returns the first answer that is not a redirect, whatever its status, body unread.
 */
async function openFollowingRedirects(
  raw: string | URL,
  options: SafeFetchOptions,
  headers: Record<string, string>,
  deadline: AbortSignal
) {
  const maxRedirects = options.maxRedirects ?? 5
  let url = parseTarget(raw)
  const policy = options.outbound ?? outbound
  const [{ request }, dispatcher] = await Promise.all([import('undici'), policy.dispatcher()])
  for (let hop = 0; ; hop++) {
    let response: Dispatcher.ResponseData
    try {
      response = await request(url, { dispatcher, method: 'GET', signal: deadline, headers })
    } catch (error) {
      throw (
        refusedBy(error) ??
        (deadline.aborted
          ? new SafeFetchError('timeout', 'The server took too long to answer')
          : new SafeFetchError(
              'network',
              `Could not reach ${url.hostname}: ${(error as Error).message}`
            ))
      )
    }
    const location = response.headers.location
    if (response.statusCode >= 300 && response.statusCode < 400 && location) {
      await response.body.dump().catch(() => {})
      if (hop >= maxRedirects)
        throw new SafeFetchError('too_many_redirects', `More than ${maxRedirects} redirects`)
      url = parseTarget(new URL(String(location), url))
      continue
    }
    return { response, url }
  }
}

/**
 * The answer's status must be 2xx and its type acceptable, before any of the body is read;
 * a declared length over the cap is refused too, unless the caller keeps the start of a body.
 */
async function checkAnswer(
  response: Dispatcher.ResponseData,
  options: SafeFetchOptions,
  refuseDeclaredOversize = true
) {
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
  if (refuseDeclaredOversize && Number.isFinite(declared) && declared > options.maxBytes) {
    await response.body.dump().catch(() => {})
    throw new SafeFetchError('too_large', `The file is larger than ${options.maxBytes} bytes`)
  }
  return contentType
}

/**
 * The one way the app downloads a URL a user typed (media import, CSV media_urls): through
 * the outbound policy, redirects checked hop by hop, size and time bounded. The body is
 * streamed to a temporary file, never held whole.
 */
export async function safeFetchToFile(
  raw: string | URL,
  options: SafeFetchOptions
): Promise<FetchedFile> {
  const deadline = AbortSignal.timeout(options.timeoutMs)
  const { response, url } = await openFollowingRedirects(
    raw,
    options,
    { 'user-agent': 'PistachePostiz-MediaImport/1.0', 'accept': 'image/*,video/*;q=0.9' },
    deadline
  )
  const contentType = await checkAnswer(response, options)
  const path = join(tmpdir(), `pistache-import-${randomUUID()}`)
  const bytes = await streamCapped(response.body, path, options.maxBytes, deadline)
  const name =
    decodeURIComponent(url.pathname.split('/').filter(Boolean).at(-1) ?? '') || url.hostname
  return { path, bytes, contentType, finalUrl: url, name }
}

export type FetchedText =
  | { status: 'not_modified' }
  | { status: 'ok'; text: string; etag: string | null; lastModified: string | null; finalUrl: URL }

/**
 * A small text document (a feed) through the same policy, held in memory up to `maxBytes`,
 * with a conditional GET: given the last ETag / Last-Modified, an unchanged document costs
 * a 304 and no body.
 */
export async function safeFetchText(
  raw: string | URL,
  options: SafeFetchOptions & {
    accept: string
    userAgent: string
    etag?: string | null
    lastModified?: string | null
    /**
     * Past `maxBytes`, keep what came and stop reading instead of refusing: what a link card
     * needs (an HTML page's head) is at the start, and a huge page costs no more than its cap.
     */
    keepStart?: boolean
  }
): Promise<FetchedText> {
  // The HTTP client and the pinned dispatcher are loaded before the clock starts: the
  // deadline is the server's time, not a cold start's on a busy host.
  await Promise.all([import('undici'), (options.outbound ?? outbound).dispatcher()])
  const deadline = AbortSignal.timeout(options.timeoutMs)
  const headers: Record<string, string> = {
    'user-agent': options.userAgent,
    'accept': options.accept,
  }
  if (options.etag) headers['if-none-match'] = options.etag
  if (options.lastModified) headers['if-modified-since'] = options.lastModified
  const { response, url } = await openFollowingRedirects(raw, options, headers, deadline)
  if (response.statusCode === 304) {
    await response.body.dump().catch(() => {})
    return { status: 'not_modified' }
  }
  await checkAnswer(response, options, !options.keepStart)
  const chunks: Uint8Array[] = []
  let total = 0
  try {
    for await (const chunk of response.body) {
      total += chunk.byteLength
      if (total > options.maxBytes) {
        response.body.destroy()
        if (options.keepStart) {
          chunks.push(chunk.subarray(0, chunk.byteLength - (total - options.maxBytes)))
          break
        }
        throw new SafeFetchError(
          'too_large',
          `The document is larger than ${options.maxBytes} bytes`
        )
      }
      chunks.push(chunk)
    }
  } catch (error) {
    if (error instanceof SafeFetchError) throw error
    if (deadline.aborted) throw new SafeFetchError('timeout', 'The download took too long')
    throw new SafeFetchError('network', `The download failed: ${(error as Error).message}`)
  }
  const header = (name: string) => {
    const value = response.headers[name]
    return typeof value === 'string' && value.length <= 512 ? value : null
  }
  return {
    status: 'ok',
    text: Buffer.concat(chunks).toString('utf8'),
    etag: header('etag'),
    lastModified: header('last-modified'),
    finalUrl: url,
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
