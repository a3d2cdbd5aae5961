import { randomBytes } from 'node:crypto'
import type { FakeReply, FakeRequest } from '#sdk/testing/fake_server'

/**
 * A Graph error body, as Meta sends it on Facebook, Instagram and Threads: HTTP 400 (most) with
 * `{error: {message, type, code, fbtrace_id}}`. The plugins read the code from "(#code)" in the
 * message, so fakes word their messages like Graph does.
 */
export function graphError(
  message: string,
  code: number,
  status = 400,
  type = 'OAuthException'
): FakeReply {
  return {
    status,
    json: { error: { message, type, code, fbtrace_id: randomBytes(8).toString('base64url') } },
  }
}

/** Graph's datetime format (`2024-05-01T10:00:00+0000`). */
export const graphTime = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, '+0000')

/** Query and body as one record: Graph accepts a parameter in either. */
export const paramsOf = (request: FakeRequest): Record<string, string> => ({
  ...Object.fromEntries(request.query),
  ...request.body,
})
