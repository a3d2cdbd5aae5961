import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { QUEUE_NAMES, isQueueName, type QueueName } from '#queue/types'
import { stopWithinDeadline } from '#services/graceful_shutdown'

export default class QueueWork extends BaseCommand {
  static commandName = 'queue:work'
  static description = 'Run the background workers (all queues unless --queues is given)'
  static options: CommandOptions = { startApp: true, staysAlive: true }

  @flags.array({
    description: `Queues to serve, comma separated (${QUEUE_NAMES.join(', ')})`,
    parse: (values) =>
      values
        .flatMap((value) => value.split(','))
        .map((v) => v.trim())
        .filter(Boolean),
  })
  declare queues?: string[]

  async run() {
    const requested = this.queues?.length ? this.queues : [...QUEUE_NAMES]
    const unknown = requested.filter((name) => !isQueueName(name))
    if (unknown.length) {
      this.logger.error(`Unknown queue(s): ${unknown.join(', ')}. Known: ${QUEUE_NAMES.join(', ')}`)
      this.exitCode = 1
      return this.terminate()
    }

    const [{ WorkerRunner }, { jobs, schedules, leaseKeepers, preload }, { default: redis }] =
      await Promise.all([
        import('#queue/worker_runner'),
        import('#jobs/main'),
        import('@adonisjs/redis/services/main'),
      ])
    const logger = await this.app.container.make('logger')
    const runner = new WorkerRunner({
      manager: await this.app.container.make('queue'),
      registry: jobs,
      schedules,
      leaseKeepers: await leaseKeepers(),
      preload,
      logger,
      redis: redis.connection(),
      queues: [...new Set(requested)] as QueueName[],
      makeJob: (Job) => this.app.container.make(Job),
    })

    // Runs before the providers close Redis and the database (terminating hooks come first).
    this.app.terminating(async () => {
      this.logger.info('stopping: waiting for running jobs…')
      const { timedOut } = await runner.stop()
      this.logger.info(timedOut ? 'stopped (some jobs were released unfinished)' : 'stopped')
    })
    // bin/ignite.ts already turns SIGTERM into app.terminate(); Ctrl-C should do the same here.
    this.app.listen('SIGINT', () => stopWithinDeadline(this.app))

    await this.#startTelemetry()
    await runner.start()
    this.logger.info(`worker ${process.pid} serving queues: ${runner.queues.join(', ')}`)
  }

  /**
   * Tracing (OTEL_* settings) and metrics (METRICS_TOKEN; served on METRICS_PORT when set),
   * before the first job runs.
   */
  async #startTelemetry() {
    const { tracingRequested } = await import('#services/telemetry/tracing')
    if (tracingRequested()) {
      const { startTracing, stopTracing } = await import('#services/telemetry/tracing')
      await startTracing('worker')
      this.app.terminating(() => stopTracing())
      this.logger.info('tracing on (OTLP/HTTP)')
    }
    const { metricsConfig } = await import('#services/telemetry/metrics_access')
    const { token, workerPort, workerHost } = metricsConfig()
    if (!token) return
    const { startMetrics } = await import('#services/telemetry/metrics')
    startMetrics()
    if (!workerPort) return
    const { serveMetrics } = await import('#services/telemetry/metrics_server')
    const server = await serveMetrics({ port: workerPort, host: workerHost, token })
    this.app.terminating(() => new Promise<void>((resolve) => server.close(() => resolve())))
    this.logger.info(`metrics on http://${workerHost}:${workerPort}/metrics`)
  }
}
