import { BaseJob, type JobContext } from '#queue/base_job'
import { materializeAllSeries } from '#actions/series/materialize_series'

/** Every 10 minutes (app/jobs/main.ts): repeating posts get their occurrences of the rolling window. */
export default class MaterializeSeriesJob extends BaseJob<Record<string, never>> {
  static queue = 'automation' as const
  static jobName = 'materialize_series'

  async handle(_payload: Record<string, never>, { logger }: JobContext) {
    const report = await materializeAllSeries()
    if (report.made) logger.info(report, 'laid out repeating posts')
    return report
  }
}
