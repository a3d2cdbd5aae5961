import { createHash } from 'node:crypto'
import IdempotencyKey from '#models/idempotency_key'
import { ApiError } from '#services/api/errors'

export interface StoredResponse {
  status: number
  body: unknown
}

/** What identifies "the same request": method, path and the JSON body (key order kept as sent). */
export function requestHash(method: string, path: string, body: unknown) {
  return createHash('sha256')
    .update(`${method.toUpperCase()} ${path}\n${JSON.stringify(body ?? null)}`)
    .digest('hex')
}

async function claim(tokenId: number, key: string, hash: string) {
  const existing = await IdempotencyKey.query().where('token_id', tokenId).where('key', key).first()
  if (existing) return { row: existing, fresh: false }
  try {
    return {
      row: await IdempotencyKey.create({
        tokenId,
        key,
        requestHash: hash,
        responseStatus: null,
        response: null,
      }),
      fresh: true,
    }
  } catch (error) {
    // Lost a race on the unique (token_id, key): the other request owns the key.
    const winner = await IdempotencyKey.query().where('token_id', tokenId).where('key', key).first()
    if (!winner) throw error
    return { row: winner, fresh: false }
  }
}

/**
 * Runs a create once per (token, Idempotency-Key). The same key with the same request
 * replays the stored answer; with a different request it is a 409, as it is while the
 * first request is still running. A run that throws (a 5xx) releases the key, so the
 * client may retry with it.
 */
export async function runIdempotent(
  input: { tokenId: number; key: string; hash: string },
  run: () => Promise<StoredResponse>
): Promise<StoredResponse & { replayed: boolean }> {
  const { row, fresh } = await claim(input.tokenId, input.key, input.hash)
  if (!fresh) {
    if (row.requestHash !== input.hash) {
      throw new ApiError(
        409,
        'idempotency_key_reused',
        'This Idempotency-Key was already used with a different request'
      )
    }
    if (row.responseStatus === null) {
      throw new ApiError(
        409,
        'idempotency_key_in_progress',
        'A request with this Idempotency-Key is still being processed'
      )
    }
    return { status: row.responseStatus, body: row.response, replayed: true }
  }
  try {
    const result = await run()
    row.merge({ responseStatus: result.status, response: result.body })
    await row.save()
    return { ...result, replayed: false }
  } catch (error) {
    if (error instanceof ApiError && error.httpStatus < 500) {
      row.merge({ responseStatus: error.httpStatus, response: error.body() })
      await row.save()
    } else {
      await row.delete()
    }
    throw error
  }
}
