import { setTimeout as sleep } from 'node:timers/promises'
import {
  ambiguous,
  capabilitiesOf,
  failed,
  partReconcileLevel,
  type Ambiguous,
  type Failure,
  type PublishOutcome,
  type Published,
  type PublishPartContext,
} from '#sdk'
import type DeliveryPart from '#models/delivery_part'
import { settleFailure, type Attempt } from '#services/publishing/failure_outcome'
import { settleAmbiguous } from '#services/publishing/ambiguity'
import { markUnknown } from '#services/publishing/transitions'
import { problem, problemOf } from '#services/publishing/problems'
import {
  claimPart,
  partPending,
  partPublished,
  partRefused,
  partUnknown,
  partWaitsAgain,
} from '#services/publishing/chain_steps'
import { publishingConfig } from '#services/publishing/settings'

/** One part about to be published (or settled after an interruption). */
export interface PartStep {
  attempt: Attempt
  part: DeliveryPart
  total: number
  context: () => PublishPartContext
  /** Its media could not be prepared: the part fails without a request. */
  mediaError?: string
}

/** `published`: go on to the next part; `settled`: the delivery was settled here; `lost`: the claim was. */
export type PartAdvance = 'published' | 'settled' | 'lost'

/** How the user's messages name the part ("part 3 of 4"), so the post page says which one stopped. */
const partName = (step: PartStep) =>
  step.part.kind === 'first_comment'
    ? 'the first comment'
    : `part ${step.part.position} of ${step.total}`

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

/** Calls the plugin; an exception after the request may have left is an ambiguous answer. */
async function call(
  step: PartStep,
  hook: (ctx: PublishPartContext) => Promise<PublishOutcome<Published>>
): Promise<PublishOutcome<Published>> {
  const { session } = step.attempt
  try {
    return await session.call((ctx) => hook({ ...step.context(), ...ctx }))
  } catch (error) {
    return ambiguous(
      `the ${step.attempt.delivery.network} plugin crashed: ${(error as Error).message}`
    )
  }
}

/**
 * Moves one part on: sends it (claimed `publishing` first), or — when an interrupted worker
 * left it `publishing` — continues its status check, or settles it through the lookup before
 * anything later is sent.
 */
export async function advancePart(step: PartStep): Promise<PartAdvance> {
  const { attempt, part } = step
  const { plugin } = attempt.session
  if (part.status === 'publishing') {
    if (part.pendingHandle) return followPending(step, part.pendingHandle)
    return resolveAmbiguousPart(step, 'the publish of this part was interrupted')
  }
  if (!(await claimPart(attempt, part))) return 'lost'
  if (step.mediaError)
    return applyPartOutcome(
      step,
      failed(`Media could not be prepared: ${step.mediaError}`, true, 'media')
    )
  return applyPartOutcome(step, await call(step, (ctx) => plugin.publishPart!(ctx)))
}

/** What the network answered for a part; the delivery is settled exactly as for its main post. */
async function applyPartOutcome(
  step: PartStep,
  outcome: PublishOutcome<Published>,
  options: { afterAmbiguous?: boolean } = {}
): Promise<PartAdvance> {
  const { attempt, part } = step
  switch (outcome.status) {
    case 'ok':
      return (await partPublished(attempt, part, outcome.value)) ? 'published' : 'lost'
    case 'pending':
      if (!(await partPending(attempt, part, outcome.handle))) return 'lost'
      return followPending(step, outcome.handle, outcome.checkAfter)
    case 'ambiguous':
      if (options.afterAmbiguous)
        return stopUnknown(
          step,
          `No answer from the network twice (${outcome.reason}); check whether ${partName(step)} appeared`
        )
      return resolveAmbiguousPart(step, outcome.reason)
    default:
      return answeredWithoutPost(step, outcome)
  }
}

/**
 * An error, a rate limit or a refused token: nothing was posted. The part is marked failed and
 * the delivery is settled by the main post's rules — requeued after the wait or backoff (the
 * part then waits again, and the next run resumes at it), or failed, naming this part.
 */
async function answeredWithoutPost(
  step: PartStep,
  outcome: Exclude<Failure, Ambiguous>
): Promise<PartAdvance> {
  const { attempt, part } = step
  const named = { ...outcome, reason: `${capitalised(partName(step))}: ${outcome.reason}` }
  if (!(await partRefused(attempt, part, problemOf(named)))) return 'lost'
  // A part's answer is never a status check's: transient errors requeue, they do not poll.
  await settleFailure({ ...attempt, mode: 'publish' }, named)
  if (attempt.delivery.status !== 'failed') await partWaitsAgain(attempt, part)
  return 'settled'
}

/**
 * A part the network is still processing (Threads containers): checked in place, as the
 * chain cannot go on before it exists, at most `maxStatusChecks` times.
 */
async function followPending(step: PartStep, handle: string, checkAfter = 0): Promise<PartAdvance> {
  const { plugin } = step.attempt.session
  const config = publishingConfig()
  if (!plugin.checkStatus)
    return answeredWithoutPost(
      step,
      failed('The network left the part pending but offers no status check', false)
    )
  for (let check = 0; check < config.maxStatusChecks; check++) {
    await sleep(Math.max(0, checkAfter) * config.msPerNetworkSecond)
    const outcome = await call(step, (ctx) => plugin.checkStatus!(ctx, handle))
    if (outcome.status !== 'pending') return applyPartOutcome(step, outcome)
    handle = outcome.handle
    checkAfter = outcome.checkAfter
  }
  return stopUnknown(
    step,
    `The network was still processing ${partName(step)} after ${config.maxStatusChecks} checks`,
    'pending'
  )
}

/** An unanswered part, settled before any later part is sent (ambiguity.ts). */
function resolveAmbiguousPart(step: PartStep, reason: string): Promise<PartAdvance> {
  const { attempt } = step
  const { plugin } = attempt.session
  const caps = capabilitiesOf(plugin, attempt.session.account.toPluginProfile())
  return settleAmbiguous<PartAdvance>(
    {
      caps,
      level: partReconcileLevel(caps, plugin),
      networkName: plugin.displayName,
      subject: partName(step),
      lookup: () => attempt.session.call((ctx) => plugin.findPart!({ ...step.context(), ...ctx })),
      republish: async () =>
        applyPartOutcome(step, await call(step, (ctx) => plugin.publishPart!(ctx)), {
          afterAmbiguous: true,
        }),
      found: async (published) =>
        (await partPublished(attempt, step.part, published)) ? 'published' : 'lost',
      unknown: (why) => stopUnknown(step, why),
    },
    reason
  )
}

/** Nobody can tell whether this part appeared: the chain stops here and the user is asked. */
async function stopUnknown(
  step: PartStep,
  reason: string,
  kind: 'ambiguous' | 'pending' = 'ambiguous'
): Promise<PartAdvance> {
  const stopped = problem(kind, `${capitalised(partName(step))}: ${reason}`)
  if (!(await partUnknown(step.attempt, step.part, stopped))) return 'lost'
  return (await markUnknown(step.attempt, stopped)) ? 'settled' : 'lost'
}
