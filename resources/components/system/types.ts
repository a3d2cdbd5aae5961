/** The System page's props, as app/services/system/overview.ts builds them. */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

export type QueueRow = {
  name: string
  waiting: number
  delayed: number
  active: number
  failed: number
  completedLastHour: number
  paused: boolean
}

export type WorkerRow = {
  id: string
  host: string
  pid: number
  version: string | null
  queues: string[]
  running: number | null
  startedAt: string
  lastHeartbeatAt: string
}

export type SlotRow = {
  scope: 'account' | 'network'
  network: string | null
  account: { handle: string; workspace: string } | null
  holders: { process: string; until: number }[]
}

export type FailedJobRow = {
  queue: string
  id: string
  name: string
  attempts: number
  failedAt: number | null
  reason: string | null
  data: JsonValue
}

export type UnknownDeliveryRow = {
  id: number
  postId: number
  network: string
  handle: string | null
  workspace: { name: string; slug: string }
  reason: string | null
  since: string | null
}

export type ScheduleRow = {
  key: string
  queue: string
  job: string
  pattern: string | null
  everyMs: number | null
  nextRunAt: number | null
  lastRun: { at: number; outcome: string; durationMs: number | null } | null
}

export type SystemOverview = {
  queues: QueueRow[]
  workers: WorkerRow[]
  slots: SlotRow[]
  rateLimited: { network: string; waiting: number; until: string | null }[]
  failed: FailedJobRow[]
  unknown: UnknownDeliveryRow[]
  schedules: ScheduleRow[]
  generatedAt: string
}
