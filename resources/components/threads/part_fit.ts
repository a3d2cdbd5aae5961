import { countText, countUtf8Bytes } from '@sdk/text_counters'
import { firstCommentOf, threadOf } from '@sdk/parts'
import type { Capabilities } from '@sdk/capabilities'
import type { Plain } from '../posts/types'
import type { PartKind } from './types'

type Caps = Plain<Capabilities>

/** A part's length and ceiling on one network, counted the network's way; null if it takes none. */
export function partMeasure(caps: Caps, kind: PartKind, text: string) {
  const c = caps as Capabilities
  const limit =
    kind === 'thread' ? (threadOf(c) ? c.text.limit : null) : (firstCommentOf(c)?.maxLength ?? null)
  if (limit === null) return null
  const count = countText(text, c.text.counter)
  const overBytes = c.text.limitBytes !== undefined && countUtf8Bytes(text) > c.text.limitBytes
  return { count, limit, over: count > limit || overBytes }
}

/** Whether a text fits one post of every one of these networks (for "split into a thread"). */
export function fitsAll(capabilities: Caps[]) {
  return (text: string) =>
    capabilities.every((caps) => {
      const c = caps as Capabilities
      if (countText(text, c.text.counter) > c.text.limit) return false
      return c.text.limitBytes === undefined || countUtf8Bytes(text) <= c.text.limitBytes
    })
}
