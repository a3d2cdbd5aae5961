/** Shared by the System tests: an instance admin, a plain member, and a flaky job on a real worker. */
import app from '@adonisjs/core/services/app'
import redis from '@adonisjs/redis/services/main'
import { BaseJob } from '#queue/base_job'
import { JobRegistry } from '#queue/job_registry'
import { WorkerRunner } from '#queue/worker_runner'
import type { QueueConfig } from '#queue/types'
import { capturingLogger } from '../../unit/queue/fixtures.js'
import { makeUser, makeWorkspace } from '#tests/functional/workspaces/_helpers'

const flagKey = () => `${app.config.get<QueueConfig>('queue').prefix}:system-test:upstream-fixed`
const doneKey = (label: string) =>
  `${app.config.get<QueueConfig>('queue').prefix}:system-test:done:${label}`

/**
 * Fails while its "upstream" is broken (a Redis flag), succeeds once it is fixed: what a
 * retry from the System page is for. Its error quotes a credential, as a careless network might.
 */
type FlakyPayload = { label: string; [field: string]: unknown }

export class FlakyJob extends BaseJob<FlakyPayload> {
  static queue = 'purge' as const
  static jobName = 'system_test_flaky'

  async handle(payload: FlakyPayload) {
    if (!(await redis.connection().get(flagKey())))
      throw new Error('upstream refused https://api.example/v1?access_token=QUOTEDSECRET9876543210')
    await redis.connection().set(doneKey(payload.label), '1')
  }
}

export const fixUpstream = () => redis.connection().set(flagKey(), '1')
export const jobDone = async (label: string) =>
  (await redis.connection().get(doneKey(label))) === '1'

/** A real worker on the app's queues that knows only FlakyJob (purge queue). */
export async function startFlakyWorker() {
  const runner = new WorkerRunner({
    manager: await app.container.make('queue'),
    registry: new JobRegistry({ system_test_flaky: async () => ({ default: FlakyJob }) }),
    logger: capturingLogger().logger,
    redis: redis.connection(),
    queues: ['purge'],
    heartbeat: { ttlMs: 2000, intervalMs: 500 },
  })
  await runner.start()
  return runner
}

/** The install's first account (an instance admin) and a workspace owner who is not one. */
export async function adminAndMember() {
  const admin = await makeUser({ fullName: 'Ada Admin', email: 'ada@example.com' })
  admin.isInstanceAdmin = true
  await admin.save()
  const member = await makeUser({ fullName: 'Otto Owner', email: 'otto@example.com' })
  await makeWorkspace(member, 'Otto Agency')
  await makeWorkspace(admin, 'Ada Agency')
  return { admin, member }
}
