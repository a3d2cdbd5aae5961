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
  /**
   * Hands the question to a separate re-check at least `afterMs` from now (a delayed job: the
   * main post), instead of waiting here; it says `unknownReason` to the user instead once the
   * delivery has had all its re-checks. Absent (a thread's part): the step waits in place.
   */
  recheckLater?: (afterMs: number, unknownReason: string) => Promise<Settled>
  /** This is that re-check: the unanswered request is at least the read-after-write delay old. */
  rechecking?: boolean
}

/** How long a new post may stay invisible to the network's lookup (its read-after-write delay). */
export const readAfterWriteMs = (caps: Capabilities) =>
  (caps.readAfterWriteSeconds ?? 1) * publishingConfig().msPerNetworkSecond

/**
 * An answer that may or may not mean the post exists. Never republished blindly: the
 * plugin looks for it; if absent, it is published again only when that cannot make a second
 * post — the network dedupes on the idempotency key, or its lookup is authoritative and a
 * second lookup after the network's read-after-write delay still finds nothing. A lookup
 * that fails is asked again later rather than given up on. Otherwise the user is asked to
 * check, told why the app could not tell. The main post and every part of a thread go
 * through this one rule.
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
  // Only a lookup that sees every post can say "absent"; it needs the index to have caught up.
  const waitsForIndex = level === 'authoritative' && !caps.idempotencyKey && !step.rechecking
  let found = await step.lookup()
  if (found.status === 'ok' && !found.value && waitsForIndex) {
    // "Not found" right after a write may only be the network's read-after-write delay: look
    // again once it has passed — later, from a delayed job, when the caller can.
    if (step.recheckLater)
      return step.recheckLater(
        readAfterWriteMs(caps),
        `No answer from the network (${reason}) and ${subject} was never found; check whether it appeared`
      )
    await sleep(readAfterWriteMs(caps))
    found = await step.lookup()
  }
  if (found.status === 'ok' && found.value) return step.found(found.value)
  if (found.status !== 'ok') {
    const why = `No answer from the network (${reason}) and the lookup failed (${found.reason}); check whether ${subject} appeared`
    // A lookup that failed told nothing: ask it again later, when the caller can.
    return step.recheckLater ? step.recheckLater(0, why) : step.unknown(why)
  }
  // The network dedupes on our key, or its lookup sees every post: publishing again cannot
  // create a second one.
  if (caps.idempotencyKey || level === 'authoritative') return step.republish()
  return step.unknown(
    `No answer from the network (${reason}) and ${subject} was not found, but ${networkName} cannot list every post at once; check whether it appeared`
  )
}
