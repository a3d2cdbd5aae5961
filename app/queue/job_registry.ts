import type { JobClass } from '#queue/base_job'

export type JobLoader = () => Promise<{ default: JobClass }>

/**
 * Maps the job names stored in Redis to job classes, imported on first use so a worker
 * that serves one queue never loads the code of the others.
 */
export class JobRegistry {
  #loaders: Map<string, JobLoader>
  #loaded = new Map<string, JobClass>()

  constructor(loaders: Record<string, JobLoader>) {
    this.#loaders = new Map(Object.entries(loaders))
  }

  names() {
    return [...this.#loaders.keys()]
  }

  has(name: string) {
    return this.#loaders.has(name)
  }

  /** The class registered under `name`, or undefined when no such job exists. */
  async resolve(name: string): Promise<JobClass | undefined> {
    const cached = this.#loaded.get(name)
    if (cached) return cached
    const loader = this.#loaders.get(name)
    if (!loader) return undefined
    const { default: Job } = await loader()
    if (Job.jobName !== name) {
      throw new Error(`Job registered as "${name}" declares jobName "${Job.jobName}"`)
    }
    this.#loaded.set(name, Job)
    return Job
  }
}
