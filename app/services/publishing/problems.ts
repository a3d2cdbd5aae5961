import type { Failure } from '#sdk'

/**
 * Why a delivery's last attempt did not publish, by the kind of the plugin's answer (the SDK's
 * result kinds), plus two the app finds itself: `media` (its files could not be prepared) and
 * `blocked` (nothing was sent: no account, no plugin, processing restricted). The pages word each
 * kind in the reader's language; the network's own reason stays beside it as a detail.
 */
export const PROBLEM_KINDS = [
  'error',
  'unauthorized',
  'rate_limited',
  'ambiguous',
  'pending',
  'media',
  'blocked',
] as const
export type ProblemKind = (typeof PROBLEM_KINDS)[number]

export interface Problem {
  kind: ProblemKind
  /** The raw reason, in English, as the network or the pipeline gave it. */
  reason: string
}

export const problem = (kind: ProblemKind, reason: string): Problem => ({ kind, reason })

/** The kind of a plugin's failure; a failure to prepare media is told apart from the network's. */
export function problemOf(failure: Failure, reason = failure.reason): Problem {
  if (failure.status === 'error' && failure.code === 'media') return problem('media', reason)
  return problem(failure.status, reason)
}
