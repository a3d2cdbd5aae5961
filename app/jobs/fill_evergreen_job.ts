import { BaseJob, type JobContext } from '#queue/base_job'
import { fillAllEvergreen } from '#actions/evergreen/fill_evergreen'

/** Every 15 minutes (app/jobs/main.ts): evergreen posts into the coming days' free slots. */
export default class FillEvergreenJob extends BaseJob<Record<string, never>> {
  static queue = 'automation' as const
  static jobName = 'fill_evergreen'

  async handle(_payload: Record<string, never>, { logger }: JobContext) {
    const report = await fillAllEvergreen()
    if (report.made) logger.info(report, 'queued evergreen posts')
    return report
  }
}
