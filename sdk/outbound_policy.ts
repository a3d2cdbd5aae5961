import { lookup as systemLookup } from 'node:dns/promises'
import { isIP } from 'node:net'
import type { Dispatcher } from 'undici'
import { isForbiddenAddress, unbracket } from './outbound_addresses.js'

/** Why an outbound request was refused; stable, so callers map it to their own messages. */
export type OutboundRefusal =
  'invalid_url' | 'forbidden_scheme' | 'forbidden_address' | 'unresolvable'

/** Thrown (or given as a fetch error's `cause`) when the policy refuses a target. */
export class OutboundRefusedError extends Error {
  /** errno-style, so transport error handlers can tell it from ECONNREFUSED & co. */
  readonly code = 'EOUTBOUND_REFUSED'
  constructor(
    readonly reason: OutboundRefusal,
    message: string
  ) {
    super(message)
    this.name = 'OutboundRefusedError'
  }
}

export interface OutboundAddress {
  address: string
  family: 4 | 6
}

export type OutboundVerdict =
  | ({ ok: true; url: URL } & OutboundAddress)
  | { ok: false; reason: OutboundRefusal; message: string }

/** Every address a host name resolves to, as `dns.lookup(name, { all: true })` answers. */
export type OutboundLookup = (hostname: string) => Promise<{ address: string; family: number }[]>

export interface OutboundPolicyOptions {
  /** Replaces the system resolver (tests: a name that answers what the test wants). */
  lookup?: OutboundLookup
  connectTimeoutMs?: number
}

/** http(s) only, no credentials in the URL; the WHATWG parser already turns `127.1`, `0x7f.1`, `2130706433` into `127.0.0.1`. */
export function outboundUrl(raw: string | URL): URL {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new OutboundRefusedError('invalid_url', 'This is not a valid URL')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new OutboundRefusedError(
      'forbidden_scheme',
      `Only http and https URLs are allowed, not ${url.protocol}`
    )
  if (url.username || url.password)
    throw new OutboundRefusedError('invalid_url', 'URLs with credentials are not allowed')
  return url
}

const defaultPort = (protocol: string) => (protocol === 'https:' ? '443' : '80')
const key = (host: string, port: string) => `${unbracket(host).toLowerCase()}|${port}`

/**
 * The one rule for every request to an address that a user typed or that a network's answer
 * chose (service and instance URLs, PDS endpoints, upload and media URLs, webhook targets):
 *
 * - the host is resolved once per connection, and the connection goes to that very address
 *   (a custom undici connector), so a DNS answer that changes between the check and the
 *   connection (rebinding) is never used, and TLS still verifies the certificate for the name;
 * - the connection is refused when ANY address of the name is loopback, private, link-local,
 *   CGNAT, multicast, unspecified, reserved, IPv4-mapped/NAT64/6to4 (outbound_addresses.ts);
 * - every redirect hop is a new request through the same connector, so it is checked again.
 *
 * The same in every environment. The only way to reach a private address is `allow()`, with
 * the exact host:port (an operator's internal receiver, a test's fake): never a mode switch.
 */
export class OutboundPolicy {
  #allowed = new Map<string, number>()
  #lookup: OutboundLookup
  #connectTimeoutMs: number
  #dispatcher?: Promise<Dispatcher>

  constructor(options: OutboundPolicyOptions = {}) {
    this.#lookup =
      options.lookup ?? ((hostname) => systemLookup(hostname, { all: true, verbatim: true }))
    this.#connectTimeoutMs = options.connectTimeoutMs ?? 10_000
  }

  /**
   * Lets one exact `host:port` (an IP or a name, with its port) be reached even though it is
   * private. Returns the function that takes the permission back (and closes pooled connections).
   */
  allow(target: string) {
    const url = new URL(`http://${target}`)
    if (!url.port && !/:80$/.test(target))
      throw new Error(`allow() wants an exact host:port, got "${target}"`)
    const entry = key(url.hostname, url.port || '80')
    this.#allowed.set(entry, (this.#allowed.get(entry) ?? 0) + 1)
    return () => {
      const left = (this.#allowed.get(entry) ?? 1) - 1
      if (left > 0) return void this.#allowed.set(entry, left)
      this.#allowed.delete(entry)
      // Pooled keep-alive connections were checked under the old list: drop them.
      void this.close()
    }
  }

  /**
   * The address to connect to for `hostname:port`, resolved now. Throws OutboundRefusedError
   * for a forbidden address and the resolver's own error (ENOTFOUND, EAI_AGAIN) when the name
   * does not resolve, so a passing DNS failure stays a retryable network error.
   */
  async resolve(hostname: string, port: string): Promise<OutboundAddress> {
    const host = unbracket(hostname)
    const literal = isIP(host)
    const answers = literal ? [{ address: host, family: literal }] : await this.#lookup(host)
    if (!answers.length)
      throw Object.assign(new Error(`${host} does not resolve`), { code: 'ENOTFOUND' })
    const nameAllowed = this.#allowed.has(key(host, port))
    const refused = answers.find(
      ({ address }) =>
        isForbiddenAddress(address) && !nameAllowed && !this.#allowed.has(key(address, port))
    )
    // One private answer among public ones is enough to refuse: that is how rebinding starts.
    if (refused)
      throw new OutboundRefusedError(
        'forbidden_address',
        `${host} is not a public address (${refused.address})`
      )
    return { address: answers[0].address, family: answers[0].family === 6 ? 6 : 4 }
  }

  /**
   * Checks a URL without sending anything: for forms that save an address for later (a
   * webhook target, an instance). The request itself is checked again when it is made.
   */
  async check(raw: string | URL): Promise<OutboundVerdict> {
    try {
      const url = outboundUrl(raw)
      const target = await this.resolve(url.hostname, url.port || defaultPort(url.protocol))
      return { ok: true, url, ...target }
    } catch (error) {
      if (error instanceof OutboundRefusedError)
        return { ok: false, reason: error.reason, message: error.message }
      return {
        ok: false,
        reason: 'unresolvable',
        message: `${String(raw).slice(0, 200)} could not be resolved`,
      }
    }
  }

  /** The undici dispatcher whose every connection goes through `resolve` (one per process). */
  dispatcher(): Promise<Dispatcher> {
    // undici (~100 modules) is loaded by the first outbound request, not at boot.
    this.#dispatcher ??= import('undici').then(({ Agent, buildConnector }) => {
      const connectTo = buildConnector({ timeout: this.#connectTimeoutMs })
      return new Agent({
        connect: (options, callback) => {
          this.resolve(options.hostname, options.port || defaultPort(options.protocol)).then(
            ({ address }) =>
              connectTo(
                {
                  ...options,
                  hostname: address,
                  // TLS checks the certificate against the name, not the pinned address.
                  servername:
                    options.servername || (isIP(options.hostname) ? '' : options.hostname),
                },
                callback
              ),
            (error) => callback(error, null)
          )
        },
      })
    })
    return this.#dispatcher
  }

  /**
   * `fetch` through the policy. Redirects are not followed unless `init.redirect` asks for
   * it; followed or not, each hop connects through `resolve`.
   */
  async fetch(raw: string | URL, init: RequestInit = {}): Promise<Response> {
    const url = outboundUrl(raw)
    const [{ fetch: undiciFetch, FormData: UndiciFormData }, dispatcher] = await Promise.all([
      import('undici'),
      this.dispatcher(),
    ])
    let body = init.body
    // undici's fetch does not recognise the runtime's own FormData class: copy the fields over.
    if (body instanceof FormData) {
      const copy = new UndiciFormData()
      for (const [name, value] of body)
        if (typeof value === 'string') copy.append(name, value)
        else copy.append(name, value, value.name)
      body = copy as unknown as FormData
    }
    const response = await undiciFetch(url, {
      ...(init as object),
      body,
      redirect: init.redirect ?? 'manual',
      dispatcher,
    } as Parameters<typeof undiciFetch>[1])
    return response as unknown as Response
  }

  /** Closes pooled connections (tests, shutdown). */
  async close() {
    const dispatcher = this.#dispatcher
    this.#dispatcher = undefined
    if (dispatcher) await (await dispatcher).close()
  }
}

/** The process-wide policy: the SDK's HTTP client, the media importer and webhooks share it. */
export const outboundPolicy = new OutboundPolicy()
