import { BaseJob } from '#queue/base_job'
import { SEND_CLIENT_DIGEST } from '#queue/job_specs'
import { sendClientDigest } from '#services/reviews/client_digest'

/** The delayed mail to a review link's client: the posts added to their link meanwhile. */
export default class SendClientDigestJob extends BaseJob<{ reviewLinkId: number }> {
  static queue = SEND_CLIENT_DIGEST.queue
  static jobName = SEND_CLIENT_DIGEST.jobName

  async handle({ reviewLinkId }: { reviewLinkId: number }) {
    return { announced: await sendClientDigest(reviewLinkId) }
  }
}
