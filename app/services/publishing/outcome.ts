import {
  capabilitiesOf,
  reconcileLevel,
  type Failed,
  type PublishOutcome,
  type Published,
  type Unauthorized,
} from '#sdk'
import { markPending, markUnknown } from '#services/publishing/transitions'
import { publishingConfig } from '#services/publishing/settings'
import { problem, problemOf } from '#services/publishing/problems'
import { settleFailure, type Attempt } from '#services/publishing/failure_outcome'
import { settleAmbiguous } from '#services/publishing/ambiguity'
import { mainPostPublished } from '#services/publishing/chain'

export type Outcome = PublishOutcome<Published> | Failed | Unauthorized
export { backoffMs, type Attempt } from '#services/publishing/failure_outcome'

/** The main post's unanswered publish, settled by the rule every step follows (ambiguity.ts). */
function resolveAmbiguous(attempt: Attempt, reason: string) {
  const { plugin } = attempt.session
  const caps = capabilitiesOf(plugin, attempt.session.account.toPluginProfile())
  return settleAmbiguous(
    {
      caps,
      level: reconcileLevel(caps, plugin),
      networkName: plugin.displayName,
      subject: 'the post',
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
    },
    reason
  )
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
      if (options.afterAmbiguous)
        return markUnknown(
          attempt,
          problemOf(
            outcome,
            `No answer from the network twice (${outcome.reason}); check whether the post appeared`
          )
        )
      return resolveAmbiguous(attempt, outcome.reason)
    case 'unauthorized':
    case 'rate_limited':
    case 'error':
      return settleFailure(attempt, outcome)
  }
}
