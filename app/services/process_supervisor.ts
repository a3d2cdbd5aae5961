import { spawn, type ChildProcess } from 'node:child_process'

/** One long-running process the supervisor keeps alive. */
export interface SupervisedProcess {
  name: string
  command: string
  args: string[]
}

export interface SupervisorOptions {
  processes: SupervisedProcess[]
  /** First restart delay; doubles with each crash in a row, up to `maxBackoffMs`. */
  initialBackoffMs?: number
  maxBackoffMs?: number
  /** A process that ran this long before crashing starts again from `initialBackoffMs`. */
  stableAfterMs?: number
  /** After SIGTERM, how long children get before SIGKILL. */
  stopTimeoutMs?: number
  log?: (line: string) => void
}

interface Slot {
  spec: SupervisedProcess
  child?: ChildProcess
  startedAt: number
  backoffMs: number
  restartTimer?: NodeJS.Timeout
}

/**
 * Runs the web server and the worker outside Docker (bin/start) and restarts whichever one
 * crashes, after a delay that doubles while it keeps crashing, instead of stopping both.
 * Children get process groups of their own, so a Ctrl-C in the terminal reaches only the
 * supervisor, which then stops them with SIGTERM (their graceful stop) and SIGKILL after
 * `stopTimeoutMs`.
 */
export class ProcessSupervisor {
  #slots: Slot[]
  #stopping: Promise<void> | undefined
  #options: Required<Omit<SupervisorOptions, 'processes'>>

  constructor(options: SupervisorOptions) {
    this.#options = {
      initialBackoffMs: 1000,
      maxBackoffMs: 30_000,
      stableAfterMs: 30_000,
      stopTimeoutMs: 25_000,
      log: (line) => console.error(`start: ${line}`),
      ...options,
    }
    this.#slots = options.processes.map((spec) => ({
      spec,
      startedAt: 0,
      backoffMs: this.#options.initialBackoffMs,
    }))
  }

  start() {
    for (const slot of this.#slots) this.#spawn(slot)
  }

  /** Pids of the children running now, by name. */
  pids(): Record<string, number | undefined> {
    return Object.fromEntries(this.#slots.map((slot) => [slot.spec.name, slot.child?.pid]))
  }

  /** Stops every child (SIGTERM, then SIGKILL after the timeout); idempotent. */
  stop() {
    this.#stopping ??= this.#stopAll()
    return this.#stopping
  }

  #spawn(slot: Slot) {
    const child = spawn(slot.spec.command, slot.spec.args, { stdio: 'inherit', detached: true })
    slot.child = child
    slot.startedAt = Date.now()
    this.#options.log(`${slot.spec.name} started (pid ${child.pid})`)
    child.once('error', (error) => this.#options.log(`${slot.spec.name}: ${error.message}`))
    child.once('exit', (code, signal) => {
      slot.child = undefined
      if (this.#stopping) return
      const ranMs = Date.now() - slot.startedAt
      if (ranMs >= this.#options.stableAfterMs) slot.backoffMs = this.#options.initialBackoffMs
      const delay = slot.backoffMs
      slot.backoffMs = Math.min(slot.backoffMs * 2, this.#options.maxBackoffMs)
      const how = signal ? `signal ${signal}` : `status ${code}`
      this.#options.log(
        `${slot.spec.name} exited (${how}); restarting in ${formatSeconds(delay)} s`
      )
      slot.restartTimer = setTimeout(() => {
        slot.restartTimer = undefined
        if (!this.#stopping) this.#spawn(slot)
      }, delay)
    })
  }

  async #stopAll() {
    const running = this.#slots.filter((slot) => {
      clearTimeout(slot.restartTimer)
      return slot.child
    })
    const exits = running.map(
      (slot) => new Promise<void>((resolve) => slot.child!.once('exit', () => resolve()))
    )
    for (const slot of running) slot.child!.kill('SIGTERM')
    const timer = setTimeout(() => {
      for (const slot of running) {
        if (!slot.child) continue
        this.#options.log(
          `${slot.spec.name} still running after ${formatSeconds(this.#options.stopTimeoutMs)} s; killing it`
        )
        slot.child.kill('SIGKILL')
      }
    }, this.#options.stopTimeoutMs)
    await Promise.all(exits)
    clearTimeout(timer)
  }
}

function formatSeconds(ms: number) {
  return Number((ms / 1000).toFixed(1)).toString()
}
