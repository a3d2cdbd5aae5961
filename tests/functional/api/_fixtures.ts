import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import app from '@adonisjs/core/services/app'
import redis from '@adonisjs/redis/services/main'
import sharp from 'sharp'
import type User from '#models/user'
import type Workspace from '#models/workspace'
import type { ApiScope } from '#models/api_token'
import { issueToken } from '#services/api/tokens'
import { outboundPolicy } from '#sdk'
import { WorkerRunner } from '#queue/worker_runner'
import type { QueueName } from '#queue/types'
import { jobs, leaseKeepers } from '#jobs/main'
import { capturingLogger } from '#tests/unit/queue/fixtures'

export async function makeToken(workspace: Workspace, user: User, scope: ApiScope = 'write') {
  const { token, secret } = await issueToken({
    workspaceId: workspace.id,
    name: `${scope} token`,
    scope,
    createdById: user.id,
  })
  return { token, secret }
}

/** A real worker on the queues the scenario needs, as `queue:work --queues=…` runs it. */
export async function startWorker(queues: QueueName[]) {
  const { logger } = capturingLogger()
  const runner = new WorkerRunner({
    manager: await app.container.make('queue'),
    registry: jobs,
    leaseKeepers: await leaseKeepers(),
    logger,
    redis: redis.connection(),
    queues,
    heartbeat: { ttlMs: 2000, intervalMs: 500 },
  })
  await runner.start()
  return runner
}

export interface Received {
  headers: IncomingMessage['headers']
  body: string
}

/**
 * A webhook receiver on 127.0.0.1. It stands for a public server, so its exact address is
 * allowed by the outbound policy until `close()`; nothing else on loopback is.
 */
export async function startReceiver(answer: () => number = () => 200) {
  const received: Received[] = []
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk) => chunks.push(chunk))
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') })
      response.statusCode = answer()
      response.end('ok')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const revoke = outboundPolicy.allow(`127.0.0.1:${port}`)
  return {
    url: `http://127.0.0.1:${port}/hooks/pistache`,
    received,
    close: () => {
      revoke()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

export function jpeg(width = 320, height = 240) {
  return sharp({ create: { width, height, channels: 3, background: { r: 210, g: 160, b: 60 } } })
    .jpeg({ quality: 85 })
    .toBuffer()
}
