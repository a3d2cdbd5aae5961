import { BaseJob, type JobContext } from '#queue/base_job'
import { FILL_EVERGREEN } from '#queue/job_specs'
import { fillAllEvergreen } from '#actions/evergreen/fill_evergreen'

/** Every 15 minutes (app/jobs/main.ts): evergreen posts into the coming days' free slots. */
export default class FillEvergreenJob extends BaseJob<Record<string, never>> {
  static queue = FILL_EVERGREEN.queue
  static jobName = FILL_EVERGREEN.jobName

  async handle(_payload: Record<string, never>, { logger }: JobContext) {
    const report = await fillAllEvergreen()
    if (report.made) logger.info(report, 'queued evergreen posts')
    return report
  }
}
