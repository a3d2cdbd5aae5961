import env from '#start/env'

export interface OutboundConfig {
  /**
   * Exact host:port targets on a private network that addresses users type may reach (an
   * internal webhook receiver, a self-hosted instance). Empty by default, in every environment.
   */
  allowPrivate: string[]
}

const outboundConfig: OutboundConfig = {
  allowPrivate: (env.get('OUTBOUND_ALLOW_PRIVATE') ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean),
}

export default outboundConfig
