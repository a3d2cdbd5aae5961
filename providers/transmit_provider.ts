import TransmitProvider from '@adonisjs/transmit/transmit_provider'

/**
 * Transmit's provider, except that shutting down does not create Transmit just to close
 * it: the stock provider resolves it in `shutdown()`, which opens the Redis transport's
 * connections in every ace command (codegen, migrations…) and keeps the process alive.
 */
export default class LazyTransmitProvider extends TransmitProvider {
  #resolved = false

  register() {
    super.register()
    this.app.container.resolving('transmit', () => {
      this.#resolved = true
    })
  }

  async shutdown() {
    if (this.#resolved) await super.shutdown()
  }
}
