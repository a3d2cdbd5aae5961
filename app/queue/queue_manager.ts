import { Queue, type Job, type JobsOptions } from 'bullmq'
import type { QueueConfig, QueueName } from '#queue/types'
import type { JobClass, JobPayload } from '#queue/base_job'
import type { JobSpec } from '#queue/job_specs'
import { withTraceCarrier } from '#queue/trace_carrier'

/**
 * Producer side of the queues: one BullMQ Queue (one Redis connection) per queue name,
 * created the first time something is dispatched to it, so a process that never
 * enqueues never connects.
 */
export class QueueManager {
  #queues = new Map<QueueName, Queue>()

  constructor(readonly config: QueueConfig) {}

  use(name: QueueName): Queue {
    let queue = this.#queues.get(name)
    if (!queue) {
      queue = new Queue(name, {
        connection: this.config.connection,
        prefix: this.config.prefix,
        defaultJobOptions: this.config.queues[name].defaultJobOptions,
      })
      // Without a listener an 'error' event would crash the process; ioredis reconnects by itself.
      queue.on('error', () => {})
      this.#queues.set(name, queue)
    }
    return queue
  }

  /**
   * Enqueues a job on its queue; the payload type is the one its spec (#queue/job_specs)
   * or class declares. App code passes the spec; tests and commands may pass the class.
   */
  dispatch<Payload>(job: JobSpec<Payload>, payload: Payload, options?: JobsOptions): Promise<Job>
  dispatch<J extends JobClass>(job: J, payload: JobPayload<J>, options?: JobsOptions): Promise<Job>
  dispatch(job: { queue: QueueName; jobName: string }, payload: unknown, options?: JobsOptions) {
    return this.use(job.queue).add(job.jobName, withTraceCarrier(payload), options)
  }

  /** Queues opened so far (none until the first use). */
  openQueues(): QueueName[] {
    return [...this.#queues.keys()]
  }

  async close() {
    const queues = [...this.#queues.values()]
    this.#queues.clear()
    await Promise.allSettled(queues.map((queue) => queue.close()))
  }
}
