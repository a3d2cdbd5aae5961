import proxyaddr from 'proxy-addr'

/**
 * The `trustProxy` function of the HTTP config: X-Forwarded-For (and -Proto, -Host) is
 * believed only when the connection comes from one of these addresses or CIDR ranges
 * (comma separated; proxy-addr's names `loopback`, `linklocal`, `uniquelocal` too).
 * Empty means no proxy: the client's IP is the socket's, whatever headers it sends, so
 * nobody picks their own IP for the rate limits and the logs.
 * A malformed entry throws at boot rather than silently trusting nothing or everything.
 */
export function trustedProxies(list: string | undefined) {
  const entries = (list ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  try {
    return proxyaddr.compile(entries)
  } catch (error) {
    throw new Error(`TRUSTED_PROXIES: ${(error as Error).message}`, { cause: error })
  }
}
