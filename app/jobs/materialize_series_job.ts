import { BaseJob, type JobContext } from '#queue/base_job'
import { MATERIALIZE_SERIES } from '#queue/job_specs'
import { materializeAllSeries } from '#actions/series/materialize_series'

/** Every 10 minutes (app/jobs/main.ts): repeating posts get their occurrences of the rolling window. */
export default class MaterializeSeriesJob extends BaseJob<Record<string, never>> {
  static queue = MATERIALIZE_SERIES.queue
  static jobName = MATERIALIZE_SERIES.jobName

  async handle(_payload: Record<string, never>, { logger }: JobContext) {
    const report = await materializeAllSeries()
    if (report.made) logger.info(report, 'laid out repeating posts')
    return report
  }
}
