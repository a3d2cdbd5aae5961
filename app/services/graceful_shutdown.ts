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
  // A SIGTERM can arrive before the config is loaded (a test run ended by CI's time limit while
  // its process was starting): the default deadline holds then.
  const config = app.config as ApplicationService['config'] | undefined
  const timeoutMs = config?.get<number>('app.shutdownTimeoutMs', 20_000) ?? 20_000
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
      // A Redis that died with the stop: a connection still retrying it when its QUIT was sent
      // queues the command, and rejects it once its retries run out ("Connection is closed.").
      // The connection is closed all the same — nothing was left half-done. Whether the QUIT
      // came before or after the retries ended was a matter of timing (the shutdown test
      // failed that way on a loaded PostgreSQL run, where the stop took longer).
      if (String((error as Error)?.message) === 'Connection is closed.') {
        console.error('shutdown: Redis was gone; its connections closed without QUIT')
        process.exit()
      }
      console.error(`shutdown: ${String(error)}`)
      process.exit(1)
    })
}
