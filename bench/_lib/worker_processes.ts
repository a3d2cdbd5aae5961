/**
 * The fault run's worker processes (bench/_worker.ts): started, SIGKILLed, and "back" — the
 * moment a started worker's heartbeat is in Redis, from which the run measures recovery.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { setTimeout as sleep } from 'node:timers/promises'
import { ROOT } from './env.js'

export class WorkerProcesses {
  readonly live = new Set<ChildProcess>()
  starts = 0

  constructor(private env: NodeJS.ProcessEnv) {
    process.on('exit', () => {
      for (const child of this.live) child.kill('SIGKILL')
    })
  }

  /** Starts one worker and resolves with it and the instant its heartbeat appeared. */
  async start() {
    const child = spawn(process.execPath, ['--import', '@poppinss/ts-exec', 'bench/_worker.ts'], {
      cwd: ROOT,
      env: this.env,
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    this.live.add(child)
    child.once('exit', () => this.live.delete(child))
    this.starts++
    const backAt = await this.#heartbeatOf(child)
    return { child, backAt }
  }

  async #heartbeatOf(child: ChildProcess) {
    const { default: app } = await import('@adonisjs/core/services/app')
    const { default: redis } = await import('@adonisjs/redis/services/main')
    const { readLiveWorkers } = await import('#queue/worker_heartbeat')
    const { prefix, heartbeat } = app.config.get<any>('queue')
    const deadline = Date.now() + 120_000
    for (;;) {
      const workers = await readLiveWorkers(redis.connection(), prefix, heartbeat.ttlSeconds * 1000)
      if (workers.some((worker) => worker.pid === child.pid)) return Date.now()
      if (child.exitCode !== null || Date.now() > deadline)
        throw new Error(`bench worker ${child.pid} did not start`)
      await sleep(20)
    }
  }

  /** SIGKILL: nothing it holds is released by itself. */
  async kill(child: ChildProcess) {
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGKILL')
    await exited
    return Date.now()
  }

  async stopAll() {
    await Promise.all(
      [...this.live].map(
        (child) =>
          new Promise<void>((resolve) => {
            child.once('exit', () => resolve())
            child.kill('SIGTERM')
            setTimeout(() => child.kill('SIGKILL'), 10_000).unref()
          })
      )
    )
  }
}
