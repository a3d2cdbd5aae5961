/**
 * The benchmarks' fake network: POST /posts answers `{id}` after `latencyMs` (a realistic
 * round trip) and records when each request arrived. Texts carry `due=<ms> n=<i>`
 * (bench/_lib/app.ts), so lateness and duplicates are read straight off the network.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Arrival {
  at: number
  due: number
  n: number
  tag: string
}

export class BenchNetwork {
  arrivals: Arrival[] = []
  baseUrl = ''
  #server?: Server
  #next = 1

  constructor(public latencyMs = 20) {}

  async start() {
    this.#server = createServer((req, res) => {
      const at = Date.now()
      const chunks: Buffer[] = []
      req.on('data', (chunk) => chunks.push(chunk))
      req.on('end', () => {
        const text = String(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}').text ?? '')
        const due = Number(/due=(\d+)/.exec(text)?.[1] ?? Number.NaN)
        const n = Number(/n=(\d+)/.exec(text)?.[1] ?? Number.NaN)
        const tag = /tag=(\w+)/.exec(text)?.[1] ?? 'app'
        this.arrivals.push({ at, due, n, tag })
        const id = String(this.#next++)
        setTimeout(() => {
          res.writeHead(200, { 'content-type': 'application/json' })
          res.end(JSON.stringify({ id }))
        }, this.latencyMs)
      })
    })
    this.#server.keepAliveTimeout = 30_000
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve))
    this.baseUrl = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`
    return this
  }

  count(tag: string) {
    let n = 0
    for (const arrival of this.arrivals) if (arrival.tag === tag) n++
    return n
  }

  async close() {
    this.#server?.closeAllConnections()
    await new Promise((resolve) => this.#server?.close(resolve) ?? resolve(null))
  }
}
