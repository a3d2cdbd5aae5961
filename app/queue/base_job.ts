import type { Logger } from '@adonisjs/core/logger'
import type { QueueName } from '#queue/types'

/** What a job's `handle` learns about the run besides its payload. */
export interface JobContext {
  id: string | undefined
  queue: QueueName
  /** 1 for the first run, 2 for the first retry… */
  attempt: number
  logger: Logger
}

/**
 * A unit of background work. Subclasses name their queue and job, type their payload
 * (it travels as JSON) and implement `handle`; throwing makes BullMQ retry with the
 * queue's backoff.
 *
 * ```ts
 * export default class SendDigestJob extends BaseJob<{ userId: number }> {
 *   static queue = 'stats' as const
 *   static jobName = 'send_digest'
 *   async handle({ userId }: { userId: number }) { … }
 * }
 * ```
 */
export abstract class BaseJob<Payload = unknown> {
  declare static queue: QueueName
  /** Name stored with the job in Redis; the registry maps it back to the class. */
  declare static jobName: string

  abstract handle(payload: Payload, context: JobContext): Promise<unknown> | unknown
}

// `any` in constructor positions: TypeScript's way of saying "any job class", whatever its own
// constructor takes; the payload stays typed through JobPayload.
export interface JobClass<Payload = any> {
  new (...args: any[]): BaseJob<Payload>
  queue: QueueName
  jobName: string
}

/** The payload type a job class declares, so `dispatch` rejects a wrong one at compile time. */
export type JobPayload<J> = J extends new (...args: any[]) => BaseJob<infer P> ? P : never
