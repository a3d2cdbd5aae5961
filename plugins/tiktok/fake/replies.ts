import { randomBytes } from 'node:crypto'
import type { FakeReply } from '#sdk/testing/fake_server'

export const USERNAME = 'pistache.agency'

const logId = () => randomBytes(10).toString('hex').toUpperCase()
/** TikTok's success envelope: `data` plus an `ok` error block with a log id. */
export const answer = (data: unknown): FakeReply => ({
  json: { data, error: { code: 'ok', message: '', log_id: logId() } },
})
export const apiError = (status: number, code: string, message: string): FakeReply => ({
  status,
  json: { error: { code, message, log_id: logId() } },
})
export const invalid = (message: string) => apiError(400, 'invalid_params', message)
