/** The app's QueueManager, for code that dispatches jobs: `queue.dispatch(SomeJob, payload)`. */
import app from '@adonisjs/core/services/app'
import type { QueueManager } from '#queue/queue_manager'

let queue: QueueManager

await app.booted(async () => {
  queue = await app.container.make('queue')
})

export { queue as default }
