import { describeTarget, type OutgoingCall } from '#sdk'
import { ATTR, inSpan, tracingActive } from '#services/telemetry/spans'

/**
 * A client span around one request a plugin sends to its network (the HttpClient's `around`
 * hook). The URL attribute is the one error messages show: path segments that could be a
 * token masked, never the query string. No `traceparent` header is added: trace ids are
 * ours, and the networks are third parties.
 */
export async function tracedNetworkCall(
  network: string,
  call: OutgoingCall,
  send: () => Promise<Response>
): Promise<Response> {
  if (!tracingActive()) return send()
  const { method, url } = call
  const target = describeTarget(method, url).slice(method.length + 1)
  return inSpan(
    `${method} ${url.host}`,
    {
      kind: 'client',
      attributes: {
        [ATTR.network]: network,
        'http.request.method': method,
        'server.address': url.hostname,
        'url.full': `${url.protocol}//${target}`,
      },
    },
    async (span) => {
      const response = await send()
      span.set({ 'http.response.status_code': response.status })
      if (response.status >= 400) span.fail(`HTTP ${response.status}`)
      return response
    }
  )
}
