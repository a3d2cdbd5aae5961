/**
 * A link that came from a network (profile, post, avatar), fit for an `href` or `src`:
 * only absolute http(s) URLs pass; `javascript:`, `data:` and anything unparsable give
 * null, so the page shows no link rather than a script. Used by the server's transformers
 * and again by the components that render the link.
 */
export function webUrl(value: string | null | undefined): string | null {
  if (!value) return null
  try {
    const url = new URL(value.trim())
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null
  } catch {
    return null
  }
}
