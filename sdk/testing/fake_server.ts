import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { outboundPolicy } from '../outbound_policy.js'

export interface FakeRequest {
  method: string
  path: string
  params: Record<string, string>
  query: URLSearchParams
  headers: IncomingMessage['headers']
  /** Parsed JSON or urlencoded body; multipart fields as strings. */
  body: Record<string, any>
  /** Multipart files, by field name (repeated fields keep every file). */
  files: Record<string, { name: string; type: string; bytes: Uint8Array }[]>
  rawBody: Uint8Array
  bearer: string | null
}

export interface FakeReply {
  status?: number
  headers?: Record<string, string>
  json?: unknown
  text?: string
  redirect?: string
}

type Handler = (request: FakeRequest) => FakeReply | Promise<FakeReply>
/** A failure the next matching request gets instead of its normal answer. */
export type InjectedFault =
  | { kind: 'status'; status: number; headers?: Record<string, string>; json?: unknown }
  /** Never answer, and do nothing. */
  | { kind: 'hang' }
  /** Do the work (the post is created), then never answer: the truly ambiguous case. */
  | { kind: 'lose_response' }

/**
 * A small HTTP server for building fake networks: a route table, body parsing
 * (JSON, form, multipart), a request log, and fault injection — so the conformance
 * kit can make any network answer 401, 429, 5xx or nothing at all.
 */
export class FakeServer {
  #routes: { method: string; pattern: RegExp; keys: string[]; handler: Handler }[] = []
  #faults: {
    match: RegExp
    method?: string
    fault: InjectedFault
    when?: (request: FakeRequest) => boolean
  }[] = []
  #server?: Server
  #hanging = new Set<ServerResponse>()
  #revokeOutbound?: () => void
  readonly requests: FakeRequest[] = []
  baseUrl = ''

  route(method: string, path: string, handler: Handler) {
    const keys: string[] = []
    const pattern = new RegExp(
      '^' +
        path
          .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
          .replace(/:(\w+)/g, (_, key) => (keys.push(key), '([^/]+)')) +
        '$'
    )
    this.#routes.push({ method, pattern, keys, handler })
    return this
  }

  /**
   * The next request whose path matches `path` (a regex source), and `method` and `when` when
   * given (`when` picks one request among many to the same path: the third part of a thread),
   * gets `fault` instead.
   */
  failNext(
    path: string,
    fault: InjectedFault,
    method?: string,
    when?: (request: FakeRequest) => boolean
  ) {
    this.#faults.push({ match: new RegExp(path), method, fault, when })
  }

  requestsTo(method: string, path: string | RegExp) {
    return this.requests.filter(
      (request) =>
        request.method === method &&
        (typeof path === 'string' ? request.path === path : path.test(request.path))
    )
  }

  async start() {
    this.#server = createServer((req, res) => void this.#handle(req, res))
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve))
    this.baseUrl = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`
    return this
  }

  /**
   * For a fake that stands for a host a user types (a Mastodon instance, a Bluesky PDS):
   * lets the outbound address policy reach this exact 127.0.0.1:port until `close()`.
   * Nothing else on loopback becomes reachable.
   */
  allowAsOutboundTarget() {
    this.#revokeOutbound ??= outboundPolicy.allow(new URL(this.baseUrl).host)
    return this
  }

  async close() {
    this.#revokeOutbound?.()
    this.#revokeOutbound = undefined
    for (const response of this.#hanging) response.destroy()
    this.#server?.closeAllConnections()
    await new Promise((resolve) => this.#server?.close(resolve) ?? resolve(null))
  }

  async #handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://fake')
    const request = await parseRequest(req, url)
    this.requests.push(request)

    const faultIndex = this.#faults.findIndex(
      ({ match, method, when }) =>
        match.test(request.path) &&
        (!method || method === request.method) &&
        (!when || when(request))
    )
    const fault = faultIndex >= 0 ? this.#faults.splice(faultIndex, 1)[0].fault : null
    if (fault?.kind === 'hang') {
      this.#hanging.add(res)
      return
    }
    if (fault?.kind === 'status') {
      return send(res, {
        status: fault.status,
        headers: fault.headers,
        json: fault.json ?? { error: `injected ${fault.status}` },
      })
    }
    const reply = await this.#dispatch(request)
    if (fault?.kind === 'lose_response') {
      this.#hanging.add(res)
      return
    }
    send(res, reply)
  }

  async #dispatch(request: FakeRequest): Promise<FakeReply> {
    for (const route of this.#routes) {
      const match = route.method === request.method ? route.pattern.exec(request.path) : null
      if (!match) continue
      route.keys.forEach(
        (key, index) => (request.params[key] = decodeURIComponent(match[index + 1]))
      )
      try {
        return await route.handler(request)
      } catch (error) {
        return { status: 500, json: { error: String((error as Error).message) } }
      }
    }
    return { status: 404, json: { error: `no fake route for ${request.method} ${request.path}` } }
  }
}

async function parseRequest(req: IncomingMessage, url: URL): Promise<FakeRequest> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const rawBody = new Uint8Array(Buffer.concat(chunks))
  const type = req.headers['content-type'] ?? ''
  const body: Record<string, any> = {}
  const files: FakeRequest['files'] = {}

  if (type.includes('application/json') && rawBody.length) {
    Object.assign(body, JSON.parse(Buffer.from(rawBody).toString('utf8')))
  } else if (type.includes('application/x-www-form-urlencoded')) {
    for (const [key, value] of new URLSearchParams(Buffer.from(rawBody).toString('utf8')))
      addField(body, key, value)
  } else if (type.includes('multipart/form-data')) {
    const form = await new Request('http://fake', {
      method: 'POST',
      headers: { 'content-type': type },
      body: rawBody,
    }).formData()
    for (const [key, value] of form) {
      if (typeof value === 'string') addField(body, key, value)
      else
        (files[key] ??= []).push({
          name: value.name,
          type: value.type,
          bytes: new Uint8Array(await value.arrayBuffer()),
        })
    }
  }
  const authorization = req.headers.authorization ?? ''
  return {
    method: req.method ?? 'GET',
    path: url.pathname,
    params: {},
    query: url.searchParams,
    headers: req.headers,
    body,
    files,
    rawBody,
    bearer: authorization.startsWith('Bearer ') ? authorization.slice(7) : null,
  }
}

/** `media_ids[]=a&media_ids[]=b` becomes `media_ids: ['a', 'b']`. */
function addField(body: Record<string, any>, key: string, value: string) {
  if (key.endsWith('[]')) (body[key.slice(0, -2)] ??= []).push(value)
  else body[key] = value
}

function send(res: ServerResponse, reply: FakeReply) {
  if (reply.redirect) {
    res.writeHead(302, { location: reply.redirect, ...reply.headers })
    return res.end()
  }
  const isJson = reply.json !== undefined
  res.writeHead(reply.status ?? 200, {
    'content-type': isJson ? 'application/json' : 'text/plain; charset=utf-8',
    ...reply.headers,
  })
  res.end(isJson ? JSON.stringify(reply.json) : (reply.text ?? ''))
}
