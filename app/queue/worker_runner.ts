import { setTimeout as sleep } from 'node:timers/promises'
import { UnrecoverableError, Worker, type Job, type RepeatOptions } from 'bullmq'
import type { Logger } from '@adonisjs/core/logger'
import type { Connection } from '@adonisjs/redis/types'
import type { QueueManager } from '#queue/queue_manager'
import type { JobRegistry } from '#queue/job_registry'
import type { BaseJob, JobClass } from '#queue/base_job'
import type { QueueName } from '#queue/types'
import type { JobSpec } from '#queue/job_specs'
import { WorkerHeartbeat, readLiveHolders } from '#queue/worker_heartbeat'
import { isDead } from '#queue/process_identity'
import type { LeaseKeeper } from '#queue/lease_keeper'
import { report, telemetryHooks, type JobFinished } from '#services/telemetry/hooks'
import { runWithLogFields } from '#services/telemetry/log_context'
import { inSpan, jobSpanOptions } from '#services/telemetry/spans'
import { takeTraceCarrier } from '#queue/trace_carrier'

/** How long stopping waits for Redis round trips (closing, heartbeat removal) once jobs are done. */
const CLOSE_GRACE_MS = 2000

/** True when `promise` settles within `ms`; never rejects. */
async function within(promise: Promise<unknown>, ms: number) {
  return Promise.race([
    promise.then(
      () => true,
      () => true
    ),
    sleep(ms, false, { ref: false }),
  ])
}

/** Minutes of completed/failed counts BullMQ keeps per queue (one small list entry each). */
const METRICS_MINUTES = 7 * 24 * 60

/** What telemetry learns about a job that just ended (see #services/telemetry/hooks). */
function finished(queue: QueueName, job: Job, outcome: 'completed' | 'failed'): JobFinished {
  const end = job.finishedOn ?? Date.now()
  return {
    queue,
    name: job.name,
    outcome,
    durationMs: job.processedOn ? Math.max(0, end - job.processedOn) : null,
    schedulerKey: job.repeatJobKey ?? null,
    finishedAt: end,
  }
}

/** Redis hash: scheduler key → its last run (`{ at, outcome, durationMs }`). */
export const schedulerRunsKey = (prefix: string) => `${prefix}:schedulers:last-run`

/** A repeatable job, upserted as a BullMQ job scheduler when a worker serving its queue starts. */
export interface JobSchedule {
  /** Scheduler id: upserting the same id again replaces it, so restarts never duplicate it. */
  key: string
  /**
   * The job's queue and name, not its class: upserting a schedule must not import the job's
   * code (feed parsing, exports…), which a worker loads only when such a job first runs.
   */
  job: Pick<JobSpec<unknown>, 'queue' | 'jobName'>
  repeat: Omit<RepeatOptions, 'key'>
  payload?: unknown
}

export interface WorkerRunnerOptions {
  manager: QueueManager
  registry: JobRegistry
  logger: Logger
  /** Connection the heartbeat is written with. */
  redis: Connection
  /** Defaults to every queue in the config. */
  queues?: QueueName[]
  schedules?: JobSchedule[]
  /** Builds a job instance; the command passes the container so jobs can use `@inject`. */
  makeJob?: (Job: JobClass) => Promise<BaseJob> | BaseJob
  /** Overrides of config.heartbeat, in milliseconds (tests use short ones). */
  heartbeat?: { ttlMs?: number; intervalMs?: number }
  /** Leases this process's jobs take (slots, claims): renewed on every heartbeat, dead holders' freed. */
  leaseKeepers?: LeaseKeeper[]
  /** Jobs (by name) imported before the heartbeat: a worker that says it is alive can run them at once. */
  preload?: string[]
}

/**
 * The consumer side: one BullMQ Worker per selected queue, each job routed to its class
 * through the registry. `stop()` stops fetching, waits for running jobs (bounded by
 * config.shutdownTimeoutMs) and closes every connection it opened, each step bounded so
 * that a Redis that went away cannot hold the stop.
 */
export class WorkerRunner {
  readonly queues: QueueName[]
  #workers: Worker[] = []
  #heartbeat: WorkerHeartbeat | undefined
  #leaseTimer: NodeJS.Timeout | undefined
  #ticking = false
  #stopping: Promise<{ timedOut: boolean }> | undefined
  /** Handlers running in this process, settled or not (never rejects). */
  #inFlight = new Set<Promise<void>>()

  constructor(private options: WorkerRunnerOptions) {
    this.queues = options.queues ?? (Object.keys(options.manager.config.queues) as QueueName[])
  }

  async start() {
    const { config } = this.options.manager
    const heartbeat = this.#heartbeatSettings()
    await Promise.all(
      (this.options.preload ?? []).map((name) => this.options.registry.resolve(name))
    )
    // Alive before the first job: a lease taken by a process without a heartbeat looks dead to others.
    this.#heartbeat = new WorkerHeartbeat(this.options.redis, {
      prefix: config.prefix,
      queues: this.queues,
      ...heartbeat,
      onError: (error) => this.options.logger.warn({ err: error }, 'worker heartbeat failed'),
      running: () => this.#inFlight.size,
    })
    await this.#heartbeat.start()
    // A crashed predecessor's slots and claims are freed now, not when their leases run out
    // (and on the next heartbeat if that fails: the worker starts either way).
    await this.#keepLeases().catch((error) =>
      this.options.logger.warn({ err: error }, 'lease upkeep failed')
    )

    for (const queue of this.queues) {
      const settings = config.queues[queue]
      const worker = new Worker(queue, (job) => this.#process(queue, job), {
        connection: { ...(config.connection as object), maxRetriesPerRequest: null },
        prefix: config.prefix,
        concurrency: settings.concurrency,
        ...(settings.lockDurationMs ? { lockDuration: settings.lockDurationMs } : {}),
        ...(settings.stalledIntervalMs ? { stalledInterval: settings.stalledIntervalMs } : {}),
        // BullMQ's own per-minute completed/failed counts, read by the System page (a week's worth).
        metrics: { maxDataPoints: METRICS_MINUTES },
      })
      worker.on('failed', (job, error) => {
        this.options.logger.error(
          { queue, job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, err: error },
          'job failed'
        )
        if (job) this.#finished(queue, job, 'failed')
      })
      worker.on('completed', (job) => this.#finished(queue, job, 'completed'))
      worker.on('error', (error) =>
        this.options.logger.error({ queue, err: error }, 'worker error')
      )
      this.#workers.push(worker)
    }
    await Promise.all(this.#workers.map((worker) => worker.waitUntilReady()))
    await this.#upsertSchedules()
    this.#leaseTimer = setInterval(() => void this.#tick(), heartbeat.intervalMs)
  }

  #heartbeatSettings() {
    const { heartbeat } = this.options.manager.config
    return {
      ttlMs: this.options.heartbeat?.ttlMs ?? heartbeat.ttlSeconds * 1000,
      intervalMs: this.options.heartbeat?.intervalMs ?? heartbeat.intervalSeconds * 1000,
      file: heartbeat.file,
    }
  }

  /** Renews this process's leases and frees dead holders' ones. */
  async #keepLeases() {
    const keepers = this.options.leaseKeepers ?? []
    if (!keepers.length) return
    const live = await readLiveHolders(
      this.options.redis,
      this.options.manager.config.prefix,
      this.#heartbeatSettings().ttlMs
    )
    for (const keeper of keepers) {
      await keeper.renew()
      await keeper.reclaim((holder) => isDead(holder, live))
    }
  }

  /** Every heartbeat: leases, and the repeatable jobs back if Redis lost them (restarted empty). */
  async #tick() {
    if (this.#ticking) return
    this.#ticking = true
    try {
      await this.#keepLeases()
      await this.#upsertSchedules({ onlyMissing: true })
    } catch (error) {
      this.options.logger.warn({ err: error }, 'lease upkeep failed')
    } finally {
      this.#ticking = false
    }
  }

  get heartbeatId() {
    return this.#heartbeat?.id
  }

  /** Idempotent: a second SIGTERM while stopping waits for the same shutdown. */
  stop(timeoutMs = this.options.manager.config.shutdownTimeoutMs) {
    this.#stopping ??= this.#stop(timeoutMs)
    return this.#stopping
  }

  async #stop(timeoutMs: number) {
    // Heartbeat first: a stopping worker must not look alive to queue:health or /health.
    this.#heartbeat?.pause()
    // close() stops fetching at once; it resolves when the jobs in hand are done *and* BullMQ
    // has told Redis so. With Redis gone (host reboot) that second part never happens, so the
    // wait is on our own handlers, which need no Redis to finish.
    const closing = Promise.allSettled(this.#workers.map((worker) => worker.close()))
    const timedOut = !(await within(Promise.allSettled(this.#inFlight), timeoutMs))
    if (timedOut) {
      // Their locks expire and BullMQ's stalled-job check hands them to another worker.
      this.options.logger.warn(
        { timeoutMs },
        'jobs still running at shutdown timeout; releasing them'
      )
    }
    // Only now: the jobs that were finishing kept their leases renewed until the end.
    clearInterval(this.#leaseTimer)
    this.#leaseTimer = undefined
    if (timedOut || !(await within(closing, CLOSE_GRACE_MS))) {
      await within(
        Promise.allSettled(this.#workers.map((worker) => worker.disconnect())),
        CLOSE_GRACE_MS
      )
    }
    await within(this.#heartbeat?.stop() ?? Promise.resolve(), CLOSE_GRACE_MS)
    this.#workers = []
    return { timedOut }
  }

  #process(queue: QueueName, job: Job) {
    const running = this.#run(queue, job)
    const settled = running.then(
      () => {},
      () => {}
    )
    this.#inFlight.add(settled)
    void settled.then(() => this.#inFlight.delete(settled))
    return running
  }

  async #run(queue: QueueName, job: Job) {
    const Job = await this.options.registry.resolve(job.name)
    // Retrying cannot fix an unknown or misrouted job: fail it for good.
    if (!Job) throw new UnrecoverableError(`Unknown job "${job.name}"`)
    if (Job.queue !== queue)
      throw new UnrecoverableError(`Job "${job.name}" belongs to queue "${Job.queue}"`)

    const instance = this.options.makeJob ? await this.options.makeJob(Job) : new Job()
    const attempt = job.attemptsMade + 1
    // Every line logged while the job runs, by anyone, carries the queue, job and job id (the
    // logger's mixin reads them), and so does the job's span when tracing is on.
    const { payload, carrier } = takeTraceCarrier(job.data)
    const span = { ...jobSpanOptions(queue, job.name, job.id, attempt), linkedTo: carrier }
    return runWithLogFields({ queue, job: job.name, jobId: job.id }, () =>
      inSpan(`${queue} ${job.name}`, span, () =>
        instance.handle(payload, { id: job.id, queue, attempt, logger: this.options.logger })
      )
    )
  }

  /** Telemetry, and the last run of a repeatable job for the System page (BullMQ keeps only the next). */
  #finished(queue: QueueName, job: Job, outcome: JobFinished['outcome']) {
    if (telemetryHooks.jobFinished)
      report(telemetryHooks.jobFinished, finished(queue, job, outcome))
    if (!job.repeatJobKey) return
    const run = finished(queue, job, outcome)
    this.options.redis
      .hset(
        schedulerRunsKey(this.options.manager.config.prefix),
        run.schedulerKey!,
        JSON.stringify({ at: run.finishedAt, outcome, durationMs: run.durationMs })
      )
      .catch((error) =>
        this.options.logger.warn({ err: error }, 'could not record a scheduler run')
      )
  }

  async #upsertSchedules({ onlyMissing = false } = {}) {
    for (const schedule of this.options.schedules ?? []) {
      const { queue: queueName, jobName } = schedule.job
      if (!this.queues.includes(queueName)) continue
      const queue = this.options.manager.use(queueName)
      if (onlyMissing && (await queue.getJobScheduler(schedule.key))) continue
      if (onlyMissing)
        this.options.logger.warn({ key: schedule.key }, 'job scheduler was lost; adding it again')
      await queue.upsertJobScheduler(schedule.key, schedule.repeat, {
        name: jobName,
        data: schedule.payload ?? {},
      })
    }
  }
}
