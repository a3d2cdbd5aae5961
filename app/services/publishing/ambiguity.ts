import { setTimeout as sleep } from 'node:timers/promises'
import type { Capabilities, Published, ReconcileLevel, Result } from '#sdk'
import { publishingConfig } from '#services/publishing/settings'

/** What an unanswered publish is: the main post (`publish` + `findByIdempotencyKey`) or one part. */
export interface AmbiguousStep<Settled> {
  caps: Capabilities
  /** How far the lookup can tell (reconcileLevel / partReconcileLevel). */
  level: ReconcileLevel
  networkName: string
  /** "the post", "part 3 of 4": how the user's message names what may not have appeared. */
  subject: string
  lookup: () => Promise<Result<Published | null>>
  /** The same request again, with the same key: only called when it cannot make a second post. */
  republish: () => Promise<Settled>
  found: (published: Published) => Promise<Settled>
  unknown: (reason: string) => Promise<Settled>
}

/**
 * An answer that may or may not mean the post exists. Never republished blindly: the
 * plugin looks for it; if absent, it is published again only when that cannot make a second
 * post — the network dedupes on the idempotency key, or its lookup is authoritative and a
 * second lookup after the network's read-after-write delay still finds nothing. Otherwise the
 * user is asked to check, told why the app could not tell. The main post and every part of a
 * thread go through this one rule.
 */
export async function settleAmbiguous<Settled>(
  step: AmbiguousStep<Settled>,
  reason: string
): Promise<Settled> {
  const { caps, level, networkName, subject } = step
  if (level === false)
    return step.unknown(
      `No answer from the network (${reason}), and ${networkName} offers no way to look a post up; check whether it appeared`
    )
  let found = await step.lookup()
  if (found.status === 'ok' && !found.value && level === 'authoritative' && !caps.idempotencyKey) {
    // "Not found" right after a write may only be the network's read-after-write delay: look again.
    await sleep((caps.readAfterWriteSeconds ?? 1) * publishingConfig().msPerNetworkSecond)
    found = await step.lookup()
  }
  if (found.status === 'ok' && found.value) return step.found(found.value)
  if (found.status !== 'ok')
    return step.unknown(
      `No answer from the network (${reason}) and the lookup failed (${found.reason}); check whether ${subject} appeared`
    )
  // The network dedupes on our key, or its lookup sees every post: publishing again cannot
  // create a second one.
  if (caps.idempotencyKey || level === 'authoritative') return step.republish()
  return step.unknown(
    `No answer from the network (${reason}) and ${subject} was not found, but ${networkName} cannot list every post at once; check whether it appeared`
  )
}
