/**
 * Routes for machine clients: the bearer-token API (/api/v1), the MCP server (/mcp), the health
 * probe and the Prometheus scrape (/metrics). They
 * run without session, shield (CSRF, XSRF cookie) and session auth: a cookieless client
 * would otherwise get a fresh 7-day Redis session and cookies on every call.
 */
export function isStatelessRoute(route: { pattern: string } | undefined | null) {
  const pattern = route?.pattern
  if (!pattern) return false
  return (
    pattern === '/health' ||
    pattern === '/metrics' ||
    pattern === '/mcp' ||
    pattern === '/api/v1' ||
    pattern.startsWith('/api/v1/')
  )
}
