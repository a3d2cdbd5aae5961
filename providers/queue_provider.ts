import type { ApplicationService } from '@adonisjs/core/types'
import type { QueueManager } from '#queue/queue_manager'
import type { QueueConfig } from '#queue/types'

declare module '@adonisjs/core/types' {
  interface ContainerBindings {
    queue: QueueManager
  }
}

/**
 * Binds the QueueManager as a singleton. BullMQ is imported and Redis connected only when
 * something first resolves `queue` and dispatches: the web process stays light until then.
 */
export default class QueueProvider {
  #manager: QueueManager | undefined

  constructor(protected app: ApplicationService) {}

  register() {
    this.app.container.singleton('queue', async () => {
      const { QueueManager } = await import('#queue/queue_manager')
      this.#manager = new QueueManager(this.app.config.get<QueueConfig>('queue'))
      return this.#manager
    })
  }

  async shutdown() {
    await this.#manager?.close()
  }
}
