import { createServer, type Server } from 'node:http'
import { hasMetricsToken } from '#services/telemetry/metrics_access'
import { scrape } from '#services/telemetry/metrics'

/**
 * A worker's own /metrics (it has no HTTP server otherwise): plain node:http, one route, the
 * same bearer token as the web's. Prometheus scrapes web and workers separately, as it does
 * any set of replicas, and sums them.
 */
export async function serveMetrics(options: { port: number; host: string; token: string }) {
  const server: Server = createServer(async (request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404).end()
      return
    }
    if (!hasMetricsToken(request.headers.authorization, options.token)) {
      response.writeHead(401, { 'WWW-Authenticate': 'Bearer realm="metrics"' }).end()
      return
    }
    try {
      const { body, contentType } = await scrape()
      response.writeHead(200, { 'Content-Type': contentType }).end(body)
    } catch {
      response.writeHead(500).end()
    }
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => resolve())
  })
  return server
}
