import {
  capabilitiesOf,
  reconcileLevel,
  type Failed,
  type PublishOutcome,
  type Published,
  type Unauthorized,
} from '#sdk'
import { markPending, markRecheck, markUnknown } from '#services/publishing/transitions'
import { publishingConfig } from '#services/publishing/settings'
import { problem } from '#services/publishing/problems'
import { backoffMs, settleFailure, type Attempt } from '#services/publishing/failure_outcome'
import { readAfterWriteMs, settleAmbiguous } from '#services/publishing/ambiguity'
import { mainPostPublished } from '#services/publishing/chain'

export type Outcome = PublishOutcome<Published> | Failed | Unauthorized
export { backoffMs, type Attempt } from '#services/publishing/failure_outcome'

/**
 * The main post's unanswered publish, settled by the rule every step follows (ambiguity.ts).
 * `rechecking`: this is the delayed second look (check_status.ts), the unanswered request
 * at least the network's read-after-write delay old.
 */
export function resolveAmbiguous(
  attempt: Attempt,
  reason: string,
  options: { rechecking?: boolean } = {}
) {
  const { plugin } = attempt.session
  const caps = capabilitiesOf(plugin, attempt.session.account.toPluginProfile())
  return settleAmbiguous(
    {
      caps,
      level: reconcileLevel(caps, plugin),
      networkName: plugin.displayName,
      subject: 'the post',
      rechecking: options.rechecking,
      lookup: () =>
        attempt.session.call((ctx) =>
          plugin.findByIdempotencyKey!({ ...attempt.publishContext(), ...ctx })
        ),
      republish: async () => {
        const again = await attempt.session.call((ctx) =>
          plugin.publish({ ...attempt.publishContext(), ...ctx })
        )
        return applyOutcome(attempt, again, { afterAmbiguous: true })
      },
      found: (published) => mainPostPublished(attempt, published),
      unknown: (why) => markUnknown(attempt, problem('ambiguous', why)),
      recheckLater: (afterMs, why) => recheckLater(attempt, afterMs, why),
    },
    reason
  )
}

/**
 * A delayed re-check of the delivery (transitions.ts markRecheck): the first after `afterMs`
 * (the read-after-write delay), later ones no sooner than the retry backoff, so a network
 * that keeps not answering is asked less and less often — `maxRechecks` times, then the user.
 */
function recheckLater(attempt: Attempt, afterMs: number, unknownReason: string) {
  const { delivery } = attempt
  const { maxRechecks } = publishingConfig()
  if (delivery.rechecks >= maxRechecks)
    return markUnknown(attempt, problem('ambiguous', unknownReason))
  const waitMs = delivery.rechecks === 0 ? afterMs : Math.max(afterMs, backoffMs(delivery.rechecks))
  return markRecheck(attempt, Date.now() + waitMs, problem('ambiguous', unknownReason))
}

export async function applyOutcome(
  attempt: Attempt,
  outcome: Outcome,
  options: { afterAmbiguous?: boolean } = {}
): Promise<boolean> {
  const { delivery } = attempt
  const config = publishingConfig()
  switch (outcome.status) {
    case 'ok':
      return mainPostPublished(attempt, outcome.value)
    case 'pending':
      if (attempt.mode === 'check' && delivery.statusChecks >= config.maxStatusChecks) {
        return markUnknown(
          attempt,
          problem(
            'pending',
            `The network was still processing the post after ${delivery.statusChecks} checks`
          )
        )
      }
      return markPending(attempt, outcome.handle, outcome.checkAfter)
    case 'ambiguous':
      // The same request went unanswered again: not sent a third time at once, but looked up
      // after a wait (the read-after-write delay, the backoff), then published again if absent.
      if (options.afterAmbiguous)
        return recheckLater(
          attempt,
          readAfterWriteMs(
            capabilitiesOf(attempt.session.plugin, attempt.session.account.toPluginProfile())
          ),
          `No answer from the network, even when asked again (${outcome.reason}); check whether the post appeared`
        )
      return resolveAmbiguous(attempt, outcome.reason)
    case 'unauthorized':
    case 'rate_limited':
    case 'error':
      return settleFailure(attempt, outcome)
  }
}
