/**
 * `node build/bin/supervise.js [--ready-url=URL --ready-message=TEXT] -- name=command args… …`
 * Keeps each named process running (bin/start: the web server and the worker), restarting a
 * crashed one with backoff; SIGINT/SIGTERM stop them all and exit 0 (a second one kills them).
 */
import { ProcessSupervisor, type SupervisedProcess } from '#services/process_supervisor'

const argv = process.argv.slice(2)
const separator = argv.indexOf('--')
const flags = Object.fromEntries(
  (separator === -1 ? [] : argv.slice(0, separator)).map((flag) => {
    const [key, ...value] = flag.replace(/^--/, '').split('=')
    return [key, value.join('=')]
  })
)
const processes: SupervisedProcess[] = argv.slice(separator + 1).map((spec) => {
  const [name, ...command] = spec.split('=')
  const [program, ...args] = command.join('=').split(' ').filter(Boolean)
  return { name, command: program, args }
})
if (!processes.length || processes.some((spec) => !spec.name || !spec.command)) {
  console.error('usage: supervise [--ready-url=URL --ready-message=TEXT] -- name=command args… …')
  process.exit(2)
}

const backoff = Number(flags['initial-backoff-ms'] ?? 1000)
const supervisor = new ProcessSupervisor({
  processes,
  initialBackoffMs: backoff,
  stopTimeoutMs: Number(flags['stop-timeout-ms'] ?? 25_000),
})
supervisor.start()

let signals = 0
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (++signals > 1) {
      for (const pid of Object.values(supervisor.pids())) if (pid) process.kill(pid, 'SIGKILL')
      process.exit(1)
    }
    console.error('start: stopping…')
    void supervisor.stop().then(() => process.exit(0))
  })
}

// Print the address once the web server answers anything (its /health is 503 until a worker beats).
if (flags['ready-url']) {
  const poll = async () => {
    while (!signals) {
      const answered = await fetch(flags['ready-url']).then(
        () => true,
        () => false
      )
      if (answered) return console.error(`start: ${flags['ready-message'] ?? 'ready'}`)
      await new Promise((resolve) => setTimeout(resolve, 300))
    }
  }
  void poll()
}
