import type { ApplicationService } from '@adonisjs/core/types'

let stopping = false

/**
 * A graceful stop with a deadline (config app.shutdownTimeoutMs, SHUTDOWN_TIMEOUT_SECONDS).
 * When Redis or the database went away with the host (reboot, daemon stop), closing their
 * connections can wait forever on reconnects; without a bound the supervisor ends it with
 * SIGKILL mid-way. Past the deadline the process exits with status 1. A promise rejected
 * by a connection torn down meanwhile is logged instead of crashing the stop half-done.
 */
export function stopWithinDeadline(app: ApplicationService) {
  if (stopping) return
  stopping = true
  const timeoutMs = app.config.get<number>('app.shutdownTimeoutMs', 20_000)
  setTimeout(() => {
    console.error(`shutdown: still stopping after ${timeoutMs} ms; exiting now`)
    process.exit(1)
  }, timeoutMs).unref()
  process.on('unhandledRejection', (reason) => {
    console.error(`shutdown: unhandled rejection while stopping: ${String(reason)}`)
  })
  app
    .terminate()
    .then(() => process.exit())
    .catch((error) => {
      console.error(`shutdown: ${String(error)}`)
      process.exit(1)
    })
}
