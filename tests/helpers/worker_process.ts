import { spawn, type ChildProcess } from 'node:child_process'
import { setTimeout as sleep } from 'node:timers/promises'
import app from '@adonisjs/core/services/app'
import redis from '@adonisjs/redis/services/main'
import type { QueueConfig } from '#queue/types'
import { readLiveWorkers, type WorkerInfo } from '#queue/worker_heartbeat'

/**
 * A real worker process — `node ace queue:work`, as production runs it — on the test run's
 * database, Redis database and queue prefix (it inherits this process's environment), for
 * tests that crash one. `env` adds settings, e.g. a fake network's address.
 */
export class WorkerProcess {
  #exited: Promise<void>

  private constructor(
    readonly child: ChildProcess,
    readonly output: string[]
  ) {
    this.#exited = new Promise((resolve) => child.once('exit', () => resolve()))
  }

  static async start(queues: string[], env: Record<string, string> = {}, timeoutMs = 60_000) {
    const output: string[] = []
    const child = spawn(
      process.execPath,
      ['ace.js', 'queue:work', `--queues=${queues.join(',')}`],
      {
        cwd: app.makePath(),
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      }
    )
    child.stdout!.on('data', (chunk) => output.push(String(chunk)))
    child.stderr!.on('data', (chunk) => output.push(String(chunk)))
    const worker = new WorkerProcess(child, output)
    await worker.#ready(timeoutMs)
    return worker
  }

  get pid() {
    return this.child.pid!
  }

  /** Resolves once its heartbeat is in Redis: from then on it takes jobs. */
  async #ready(timeoutMs: number) {
    const deadline = Date.now() + timeoutMs
    while (!(await this.heartbeat())) {
      if (this.child.exitCode !== null || Date.now() > deadline) {
        this.child.kill('SIGKILL')
        throw new Error(`worker process did not start:\n${this.output.join('')}`)
      }
      await sleep(100)
    }
  }

  /** Its live heartbeat, if any. */
  async heartbeat(): Promise<WorkerInfo | undefined> {
    const { prefix, heartbeat } = app.config.get<QueueConfig>('queue')
    const workers = await readLiveWorkers(redis.connection(), prefix, heartbeat.ttlSeconds * 1000)
    return workers.find((worker) => worker.pid === this.child.pid)
  }

  /** SIGKILL: no shutdown hook runs, whatever it holds stays held. */
  async crash() {
    this.child.kill('SIGKILL')
    await this.#exited
  }

  /** For cleanups: gone either way. */
  async stop() {
    if (this.child.exitCode === null && this.child.signalCode === null) await this.crash()
  }
}
