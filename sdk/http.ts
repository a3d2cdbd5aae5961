import { ambiguous, failed, ok, rateLimited, unauthorized, type Result } from './results.js'
import {
  outboundPolicy,
  type OutboundPolicy,
  type OutboundRefusedError,
} from './outbound_policy.js'
import { credentialsOf, looksLikeSecretSegment, redactText } from './redact.js'

export interface HttpResponse<T = unknown> {
  status: number
  headers: Headers
  body: T
}

export interface HttpRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** Absolute URL, or a path joined to the client's base URL. */
  url: string
  /** An array value repeats the key (`uris=a&uris=b`). */
  query?: Record<string, string | number | boolean | undefined | null | (string | number)[]>
  headers?: Record<string, string>
  bearer?: string
  json?: unknown
  form?: Record<string, string>
  body?: FormData | Uint8Array | string
  timeoutMs?: number
}

export interface HttpClientOptions {
  baseUrl: string
  timeoutMs?: number
  headers?: Record<string, string>
  /**
   * Origins an operator fixed (the plugin's configured base URLs, a test's fake), reached
   * directly; `[baseUrl]` when not given. Every other origin — a service or instance URL a
   * user typed, a PDS or upload URL a network answered — goes through `outbound`.
   */
  trustedOrigins?: string[]
  /** The address policy for the other origins; the process-wide one unless a test gives its own. */
  outbound?: OutboundPolicy
  /**
   * Told every answer `send` gets: its HTTP status, or `'error'` when none came (the host's
   * telemetry counts them). Must not throw; never sees a URL, header or body.
   */
  onAnswer?: (status: number | 'error') => void
  /**
   * Wraps every request this client sends (`send` and `fetch`): the host's tracing opens a
   * span around it. Must call `send` once and return its answer.
   */
  around?: (call: OutgoingCall, send: () => Promise<Response>) => Promise<Response>
}

/** What `around` learns of a request: its method and URL, never its headers or body. */
export interface OutgoingCall {
  method: string
  url: URL
}

/** Errors that mean the request never left this machine, so retrying cannot duplicate anything. */
const NOT_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET_BEFORE_SEND',
  'EHOSTUNREACH',
  'ENETUNREACH',
])

const originOf = (url: string) => {
  try {
    return new URL(url).origin
  } catch {
    return null
  }
}

/**
 * A small fetch wrapper every plugin uses: base URL, timeout, JSON/form bodies,
 * and one mapping from HTTP outcomes to plugin results, so 401/429/5xx/timeouts
 * mean the same thing for every network.
 */
export class HttpClient {
  readonly #trusted: Set<string>

  constructor(private options: HttpClientOptions) {
    this.#trusted = new Set(
      (options.trustedOrigins ?? [options.baseUrl])
        .map(originOf)
        .filter((origin): origin is string => origin !== null)
    )
  }

  /**
   * The same client aimed at another base URL. Trust does not travel with the URL: only the
   * origins trusted when the client was built are reached directly, so a base URL that a
   * user or a network chose is policed.
   */
  withBaseUrl(baseUrl: string) {
    return new HttpClient({ ...this.options, trustedOrigins: [...this.#trusted], baseUrl })
  }

  /** True when requests to `url` skip the outbound address policy (a fixed, configured host). */
  isTrusted(url: string | URL) {
    return this.#trusted.has(new URL(url).origin)
  }

  /**
   * A raw fetch under the client's address rules, for protocols the result mapping of `send`
   * does not fit (resumable uploads answering 308). Never follows redirects.
   */
  fetch(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const request = { ...init, redirect: 'manual' as const }
    const send = () =>
      this.isTrusted(url)
        ? fetch(url, request)
        : (this.options.outbound ?? outboundPolicy).fetch(url, request)
    const { around } = this.options
    return around ? around({ method: init.method ?? 'GET', url: new URL(url) }, send) : send()
  }

  async send<T = any>(request: HttpRequest): Promise<Result<HttpResponse<T>>> {
    const method = request.method ?? 'GET'
    const url = this.#url(request)
    const headers = new Headers({
      accept: 'application/json',
      ...this.options.headers,
      ...request.headers,
    })
    if (request.bearer) headers.set('authorization', `Bearer ${request.bearer}`)
    let body: RequestInit['body']
    if (request.json !== undefined) {
      headers.set('content-type', 'application/json')
      body = JSON.stringify(request.json)
    } else if (request.form) {
      body = new URLSearchParams(request.form)
    } else if (request.body !== undefined) {
      body = request.body as RequestInit['body']
    }

    let response: Response
    try {
      response = await this.fetch(url, {
        method,
        headers,
        body,
        signal: AbortSignal.timeout(request.timeoutMs ?? this.options.timeoutMs ?? 15_000),
      })
    } catch (error) {
      this.options.onAnswer?.('error')
      return this.#transportFailure(method, url, error)
    }
    this.options.onAnswer?.(response.status)
    return this.#map<T>(response, method, url, credentialsOf(request))
  }

  #url(request: HttpRequest) {
    const url = /^https?:\/\//.test(request.url)
      ? new URL(request.url)
      : // `./` keeps a first segment holding a colon (a Telegram `bot<id>:<token>`) from reading as a scheme.
        new URL(`./${request.url.replace(/^\//, '')}`, this.options.baseUrl.replace(/\/?$/, '/'))
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (Array.isArray(value)) for (const item of value) url.searchParams.append(key, String(item))
      else if (value !== undefined && value !== null) url.searchParams.set(key, String(value))
    }
    return url
  }

  #transportFailure(method: string, url: URL, error: unknown): Result<never> {
    const cause = (error as { cause?: { code?: string; message?: string } })?.cause
    const code = cause?.code ?? (error as { code?: string })?.code
    const where = describeTarget(method, url)
    // Refused by the address policy before anything was sent: retrying cannot change that.
    if (code === 'EOUTBOUND_REFUSED') {
      const refusal = (cause?.code === code ? cause : error) as OutboundRefusedError
      return failed(`${where}: ${refusal.message}`, false, refusal.reason)
    }
    if (code && NOT_SENT.has(code))
      return failed(`${where}: network unreachable (${code})`, true, code)
    // A timeout or reset after sending: the network may have acted. Reads are safe to retry.
    const timedOut =
      (error as Error)?.name === 'TimeoutError' || (error as Error)?.name === 'AbortError'
    const reason = `${where}: ${timedOut ? 'no answer before the timeout' : 'connection lost'}`
    return method === 'GET' ? failed(reason, true, 'timeout') : ambiguous(reason)
  }

  async #map<T>(
    response: Response,
    method: string,
    url: URL,
    sentSecrets: string[]
  ): Promise<Result<HttpResponse<T>>> {
    const text = await response.text().catch(() => '')
    const body = parseBody(text, response.headers.get('content-type'))
    const where = describeTarget(method, url)
    if (response.status >= 200 && response.status < 300) {
      return ok({ status: response.status, headers: response.headers, body: body as T })
    }
    // A network may quote the credential it refused: the ones this request sent never show.
    const detail = redactText(describeError(body), sentSecrets)
    const details = { httpStatus: response.status, networkError: errorCode(body) }
    const code = `http_${response.status}`
    if (response.status === 401) return unauthorized(`${where}: 401${detail}`)
    if (response.status === 429)
      return rateLimited(
        retryAfterSeconds(response.headers, Date.now(), body),
        `${where}: 429${detail}`
      )
    if (response.status >= 500)
      return failed(`${where}: ${response.status}${detail}`, true, code, details)
    return failed(`${where}: ${response.status}${detail}`, false, code, details)
  }
}

function parseBody(text: string, contentType: string | null): unknown {
  if (!text) return null
  if (contentType?.includes('json') || /^[[{]/.test(text.trim())) {
    try {
      return JSON.parse(text)
    } catch {
      return text
    }
  }
  return text
}

/**
 * Where a request went, as a failure reason says it: the method, the host and the path with
 * every segment that could be a credential left out (`POST discord.com/api/webhooks/123/…`).
 * Never the scheme, the query or a whole URL: a webhook or bot URL carries its secret in the
 * path, and reasons are stored and shown.
 */
export function describeTarget(method: string, url: URL) {
  const path = url.pathname
    .split('/')
    .map((segment) => (isShowableSegment(segment) ? segment : '…'))
    .join('/')
  return `${method} ${url.host}${path}`
}

/**
 * Short words, numeric ids and dotted or dashed names (`com.atproto.repo.createRecord`,
 * `conversations.history`) are shown; anything long and unbroken, or mixing letters and digits
 * past 16 characters, is not.
 */
function isShowableSegment(segment: string) {
  if (segment.length < 16) return /^[\w.:@~+-]*$/.test(segment) && !segment.includes(':')
  if (/^\d{1,24}$/.test(segment)) return true
  return /^[A-Za-z]+([._-][A-Za-z]+)+$/.test(segment) && !looksLikeSecretSegment(segment)
}

/**
 * The network's machine-readable error name or number when it gives one (XRPC `ExpiredToken`,
 * OAuth `invalid_grant`, Telegram's `error_code: 400`, Discord's `code: 50013`, X's
 * `errors[0].code`), kept in the result so a plugin or the app can act on it.
 */
function errorCode(body: unknown) {
  if (!body || typeof body !== 'object') return undefined
  // `any`: an error body is whatever JSON the network sent; each field is checked by typeof.
  const b = body as Record<string, any>
  const first = Array.isArray(b.errors) ? b.errors[0] : undefined
  for (const value of [b.error, b.error_code, b.code, b.errorCode, first?.code, b.error?.code]) {
    if (typeof value === 'string' && /^[A-Za-z][\w.]{0,63}$/.test(value)) return value
    if (typeof value === 'number' && Number.isInteger(value)) return String(value)
  }
  return undefined
}

/** A short, secret-free description of an error body (networks put the message in various fields). */
function describeError(body: unknown) {
  if (!body || typeof body !== 'object') return ''
  // `any`: an error body is whatever JSON the network sent; each field is checked by typeof.
  const b = body as Record<string, any>
  // JSON:API-style answers (Tumblr's `errors: [{ title, code }]`) describe the first error.
  const first = Array.isArray(b.errors) ? b.errors[0] : undefined
  const message =
    b.error_description ??
    b.message ??
    b.description ??
    b.detail ??
    b.title ??
    b.error?.message ??
    b.error ??
    first?.detail ??
    first?.title ??
    first?.message
  return typeof message === 'string' ? ` ${message.slice(0, 200)}` : ''
}

/**
 * Seconds to wait, from Retry-After (seconds or date), the x-rate-limit-reset / ratelimit-reset
 * epochs, or the answer's body when the network says it there only: Telegram's
 * `parameters.retry_after`, Discord's `retry_after` (seconds, fractional).
 */
export function retryAfterSeconds(headers: Headers, now = Date.now(), body?: unknown) {
  const retryAfter = headers.get('retry-after')
  if (retryAfter) {
    const seconds = Number(retryAfter)
    if (Number.isFinite(seconds)) return seconds
    const date = Date.parse(retryAfter)
    if (!Number.isNaN(date)) return Math.max(1, (date - now) / 1000)
  }
  const reset =
    headers.get('x-rate-limit-reset') ??
    headers.get('x-ratelimit-reset') ??
    headers.get('ratelimit-reset')
  if (reset) {
    const value = Number(reset)
    if (Number.isFinite(value)) return value > 1e9 ? Math.max(1, value - now / 1000) : value
    const date = Date.parse(reset)
    if (!Number.isNaN(date)) return Math.max(1, (date - now) / 1000)
  }
  // `any`: the body is the network's JSON; Number() below turns anything unusable into NaN.
  const b = body && typeof body === 'object' ? (body as Record<string, any>) : {}
  const inBody = Number(b.parameters?.retry_after ?? b.retry_after)
  if (Number.isFinite(inBody) && inBody > 0) return inBody
  return 60
}
