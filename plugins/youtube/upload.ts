import {
  ambiguous,
  failed,
  ok,
  rateLimited,
  retryAfterSeconds,
  unauthorized,
  type Failure,
  type HttpClient,
  type Result,
} from '#sdk'

/** Chunks must be multiples of 256 KiB (all but the last). */
export const CHUNK_UNIT = 256 * 1024
export const DEFAULT_CHUNK_BYTES = 32 * CHUNK_UNIT
/** Status queries after a failed chunk before giving up (Google: resume after 5xx or a lost connection). */
const RESUME_ATTEMPTS = 3

export interface UploadedVideo {
  id: string
  status?: { uploadStatus?: string; failureReason?: string; rejectionReason?: string }
}

type ChunkAnswer =
  | { kind: 'done'; video: UploadedVideo }
  | { kind: 'incomplete'; received: number }
  | { kind: 'failed'; failure: Failure; lost: boolean }

export function chunkSize(setting: unknown) {
  const wanted = Number(setting ?? DEFAULT_CHUNK_BYTES)
  return Number.isFinite(wanted) && wanted >= CHUNK_UNIT
    ? Math.floor(wanted / CHUNK_UNIT) * CHUNK_UNIT
    : DEFAULT_CHUNK_BYTES
}

/**
 * One PUT to the session URI. The SDK's HttpClient treats 308 as a failure and drops its
 * headers, but here 308 "Resume Incomplete" + `Range` is the protocol's normal answer, so this
 * call uses the client's raw fetch: the session URI comes from the network's Location header,
 * so unless it is on a configured host it goes through the outbound address policy.
 */
async function put(
  http: HttpClient,
  sessionUri: string,
  body: Uint8Array,
  range: string,
  timeoutMs: number
): Promise<ChunkAnswer> {
  let response: Response
  try {
    response = await http.fetch(sessionUri, {
      method: 'PUT',
      headers: { 'content-range': range, 'content-type': 'application/octet-stream' },
      body: body.length ? (body as Uint8Array<ArrayBuffer>) : null,
      signal: AbortSignal.timeout(timeoutMs),
    })
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } })?.cause
    const code = cause?.code ?? (error as { code?: string })?.code
    if (code === 'EOUTBOUND_REFUSED')
      return {
        kind: 'failed',
        failure: failed(`upload PUT: ${cause?.message ?? (error as Error).message}`, false, code),
        lost: false,
      }
    return {
      kind: 'failed',
      failure: failed(
        `upload PUT: ${code ?? (error as Error)?.name ?? 'connection lost'}`,
        true,
        code ?? 'timeout'
      ),
      lost: true,
    }
  }
  const text = await response.text().catch(() => '')
  if (response.status === 200 || response.status === 201) {
    try {
      return { kind: 'done', video: JSON.parse(text) }
    } catch {
      return {
        kind: 'failed',
        failure: failed('upload finished but the answer was not JSON', false, 'bad_answer'),
        lost: false,
      }
    }
  }
  if (response.status === 308) {
    const last = /bytes=0-(\d+)/.exec(response.headers.get('range') ?? '')
    return { kind: 'incomplete', received: last ? Number(last[1]) + 1 : 0 }
  }
  const reason = `upload PUT: ${response.status} ${text.slice(0, 200)}`
  if (response.status === 401) return { kind: 'failed', failure: unauthorized(reason), lost: false }
  if (response.status === 429)
    return {
      kind: 'failed',
      failure: rateLimited(retryAfterSeconds(response.headers), reason),
      lost: false,
    }
  // 404/410: the session expired (a week) or was cancelled; a new publish starts a new one.
  return {
    kind: 'failed',
    failure: failed(reason, response.status >= 500, `http_${response.status}`, {
      httpStatus: response.status,
    }),
    lost: response.status >= 500,
  }
}

/**
 * Sends the bytes in chunks (Content-Range), following the `Range` each 308 reports, since
 * Google may keep fewer bytes than were sent. After a 5xx or a lost connection it asks where
 * the upload stands (empty PUT, `bytes *\/TOTAL`) and resumes; if even that fails after the
 * final chunk went out, the video may exist: the outcome is ambiguous.
 */
export async function uploadBytes(
  http: HttpClient,
  sessionUri: string,
  bytes: Uint8Array,
  chunkBytes: number,
  timeoutMs: number
): Promise<Result<UploadedVideo>> {
  const total = bytes.length
  let offset = 0
  let resumes = 0
  let finalSent = false
  let stalled = 0
  for (;;) {
    const end = Math.min(offset + chunkBytes, total)
    finalSent ||= end === total
    let answer = await put(
      http,
      sessionUri,
      bytes.subarray(offset, end),
      `bytes ${offset}-${end - 1}/${total}`,
      timeoutMs
    )
    while (answer.kind === 'failed' && answer.lost && resumes < RESUME_ATTEMPTS) {
      resumes++
      answer = await put(http, sessionUri, new Uint8Array(), `bytes */${total}`, timeoutMs)
    }
    if (answer.kind === 'done') return ok(answer.video)
    if (answer.kind === 'failed') {
      return answer.lost && finalSent
        ? ambiguous(`${answer.failure.reason}; the video may have been created`)
        : answer.failure
    }
    // A session that keeps taking nothing is stuck: start over with a new publish.
    stalled = answer.received <= offset ? stalled + 1 : 0
    if (stalled >= RESUME_ATTEMPTS)
      return failed('the upload session stopped accepting bytes', true, 'upload_stalled')
    offset = answer.received
  }
}
