import { BaseJob, type JobContext } from '#queue/base_job'
import { POLL_FEEDS } from '#queue/job_specs'
import { pollDueFeeds } from '#actions/feeds/poll_feed'

/** Every minute (app/jobs/main.ts): fetches the feeds whose turn has come. */
export default class PollFeedsJob extends BaseJob<Record<string, never>> {
  static queue = POLL_FEEDS.queue
  static jobName = POLL_FEEDS.jobName

  async handle(_payload: Record<string, never>, { logger }: JobContext) {
    const reports = await pollDueFeeds()
    if (Object.keys(reports).length) logger.info({ feeds: reports }, 'polled feeds')
    return reports
  }
}
