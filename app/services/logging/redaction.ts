/**
 * What the app's logs keep of a request and of an audited action, through the SDK's one
 * redaction mechanism (#sdk/redact): the access log stores the route with its non-secret
 * parameters, never a token that rode in a path or a query string.
 */
import type { HttpContext } from '@adonisjs/core/http'
import {
  REDACTED,
  isSecretField,
  isSecretParam,
  looksLikeSecretSegment,
  redactPathAndQuery,
  redactText,
} from '#sdk/redact'

/**
 * The path to log: the matched route's pattern with each parameter filled in, except those
 * named like a credential (`/reset-password/:token` → `/reset-password/[redacted]`); a
 * wildcard's segments and an unmatched path are masked by shape. Never the query string.
 */
export function loggedPath(ctx: Pick<HttpContext, 'route' | 'params' | 'request'>) {
  const pattern = ctx.route?.pattern
  if (!pattern) return redactPathAndQuery(ctx.request.url(false))
  const params = ctx.params ?? {}
  return pattern
    .split('/')
    .map((segment) => {
      if (segment === '*') return wildcard(params['*'])
      if (!segment.startsWith(':')) return segment
      const name = segment.slice(1).replace(/\?$/, '')
      const value = params[name]
      if (value === undefined || value === null) return ''
      if (isSecretParam(name) || looksLikeSecretSegment(String(value))) return REDACTED
      return encodeURIComponent(String(value))
    })
    .join('/')
    .replace(/\/+$/, '')
    .replace(/^$/, '/')
}

function wildcard(segments: unknown) {
  const list = Array.isArray(segments) ? segments.map(String) : []
  return list.map((segment) => (looksLikeSecretSegment(segment) ? REDACTED : segment)).join('/')
}

/** Audit details with credential fields masked and every string passed through `redactText`. */
export function redactMeta(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value)
  if (depth > 8 || value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map((item) => redactMeta(item, depth + 1))
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, item]) => [
      key,
      isSecretField(key) && item !== null && item !== undefined
        ? REDACTED
        : redactMeta(item, depth + 1),
    ])
  )
}
