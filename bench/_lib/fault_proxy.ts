/**
 * A loopback proxy in front of one fake network, for the fault run. It forwards every
 * request (rewriting the fake's address to its own in answers, so a plugin never learns the
 * fake's real address and every call passes here), and on the network's create-post path:
 *   - while `faultRate` > 0, answers that share of requests itself with 500, 429
 *     (Retry-After: 1), a timeout (never answers, nothing forwarded) or a lost answer
 *     (forwarded — the post is created — then never answered);
 *   - records each post the network created (a 2xx answer), by the `n=<i>` in its text and
 *     the network's id for it, so the run can count how often each delivery arrived.
 */
import { createServer, request as httpRequest, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export type FaultKind = '500' | '429' | 'timeout' | 'lost'

export class FaultProxy {
  baseUrl = ''
  faultRate = 0
  /** n → ids of the posts the network created for it. */
  created = new Map<number, Set<string>>()
  faults: Record<FaultKind, number> = { '500': 0, '429': 0, 'timeout': 0, 'lost': 0 }
  /** Added before forwarding each request: a network (or an upload) that takes its time. */
  latencyMs = 0
  /** Requests received and not answered yet (uploads and publishes in flight). */
  inFlight = 0
  /** The most requests in flight at once since it was last reset (a per-account limit seen from the network). */
  maxInFlight = 0
  #server?: Server
  #hanging = new Set<ServerResponse>()
  #target: URL

  constructor(
    target: string,
    private publishPath: RegExp
  ) {
    this.#target = new URL(target)
  }

  async start() {
    this.#server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (chunk) => chunks.push(chunk))
      req.on(
        'end',
        () =>
          void this.#handle(
            req.method ?? 'GET',
            req.url ?? '/',
            req.headers,
            Buffer.concat(chunks),
            res
          )
      )
    })
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve))
    this.baseUrl = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`
    return this
  }

  async #handle(
    method: string,
    url: string,
    headers: Record<string, any>,
    body: Buffer,
    res: ServerResponse
  ) {
    this.inFlight++
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight)
    res.once('close', () => this.inFlight--)
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs))
    const path = new URL(url, 'http://x').pathname
    const isPublish = method === 'POST' && this.publishPath.test(path)
    let fault: FaultKind | null = null
    if (isPublish && this.faultRate > 0 && Math.random() < this.faultRate) {
      fault = (['500', '429', 'timeout', 'lost'] as const)[Math.floor(Math.random() * 4)]
      this.faults[fault]++
    }
    if (fault === '500')
      return this.#send(
        res,
        500,
        { 'content-type': 'application/json' },
        '{"error":"injected 500"}'
      )
    if (fault === '429')
      return this.#send(
        res,
        429,
        { 'content-type': 'application/json', 'retry-after': '1' },
        '{"error":"injected 429"}'
      )
    if (fault === 'timeout') return void this.#hanging.add(res)

    const answer = await this.#forward(method, url, headers, body).catch((error) => ({
      status: 502,
      headers: {},
      body: String(error),
    }))
    if (isPublish && answer.status >= 200 && answer.status < 300) {
      const n = Number(/n=(\d+)/.exec(body.toString('utf8'))?.[1])
      let id = ''
      try {
        const json = JSON.parse(answer.body)
        id = String(json.id ?? json.data?.id ?? json.uri ?? '')
      } catch {}
      if (Number.isFinite(n)) {
        const ids = this.created.get(n) ?? new Set()
        ids.add(id || `anon-${ids.size}`)
        this.created.set(n, ids)
      }
    }
    if (fault === 'lost') return void this.#hanging.add(res)
    this.#send(res, answer.status, answer.headers, answer.body)
  }

  #forward(method: string, url: string, headers: Record<string, any>, body: Buffer) {
    return new Promise<{ status: number; headers: Record<string, any>; body: string }>(
      (resolve, reject) => {
        const request = httpRequest(
          {
            host: this.#target.hostname,
            port: this.#target.port,
            method,
            path: url,
            headers: { ...headers, host: this.#target.host },
            timeout: 30_000,
          },
          (response) => {
            const chunks: Buffer[] = []
            response.on('data', (chunk) => chunks.push(chunk))
            response.on('end', () => {
              const rewrite = (text: string) => text.split(this.#target.origin).join(this.baseUrl)
              const out: Record<string, any> = {}
              for (const [key, value] of Object.entries(response.headers)) {
                if (
                  ['content-length', 'transfer-encoding', 'connection', 'keep-alive'].includes(key)
                )
                  continue
                out[key] = typeof value === 'string' ? rewrite(value) : value
              }
              resolve({
                status: response.statusCode ?? 502,
                headers: out,
                body: rewrite(Buffer.concat(chunks).toString('utf8')),
              })
            })
          }
        )
        request.on('error', reject)
        request.on('timeout', () => request.destroy(new Error('proxy upstream timeout')))
        request.end(body)
      }
    )
  }

  #send(res: ServerResponse, status: number, headers: Record<string, any>, body: string) {
    res.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(body) })
    res.end(body)
  }

  async close() {
    for (const response of this.#hanging) response.destroy()
    this.#server?.closeAllConnections()
    await new Promise((resolve) => this.#server?.close(resolve) ?? resolve(null))
  }
}
