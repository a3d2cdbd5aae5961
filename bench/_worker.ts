/**
 * The fault run's worker process: what `node ace queue:work --queues=publish` runs (same
 * WorkerRunner, job registry, repeatable jobs, leases and heartbeat), with the publishing
 * settings given in BENCH_PUBLISHING merged over the shipped ones, and the plugins pointed
 * at the run's fake networks (BENCH_PLUGINS). Both JSON.
 * Started and SIGKILLed by bench/faults.ts; never used by the app.
 */
import { bootApp } from './_lib/app.js'

const app = await bootApp()
Object.assign(app.config.get<any>('publishing'), JSON.parse(process.env.BENCH_PUBLISHING ?? '{}'))
const pluginsConfig = app.config.get<any>('plugins')
Object.assign(pluginsConfig, JSON.parse(process.env.BENCH_PLUGINS ?? '{}'))

const { WorkerRunner } = await import('#queue/worker_runner')
const { jobs, schedules, leaseKeepers, preload } = await import('#jobs/main')
const { default: redis } = await import('@adonisjs/redis/services/main')
const publishing = app.config.get<any>('publishing')
const runner = new WorkerRunner({
  manager: await app.container.make('queue'),
  registry: jobs,
  leaseKeepers: await leaseKeepers(),
  preload,
  // The reconciler's period as scaled above (the schedule list read the default at import).
  schedules: schedules.map((s) =>
    s.key === 'reconcile-deliveries' ? { ...s, repeat: { every: publishing.reconcileEveryMs } } : s
  ),
  logger: await app.container.make('logger'),
  redis: redis.connection(),
  queues: ['publish'],
  makeJob: (Job) => app.container.make(Job),
})
const stop = async () => {
  await runner.stop(5000)
  await app.terminate()
  process.exit(0)
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
await runner.start()
console.log(`bench worker ${process.pid} ready`)
