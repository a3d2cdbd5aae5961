import { failed, ok, type AccountContext, type Result } from '#sdk'
import { redditHttp, redditUrls } from './settings.js'

/** A 1×1 PNG used as the poster of a video when no thumbnail is given (PRAW does the same with its own default image). */
const DEFAULT_POSTER = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64'
  )
)

interface Lease {
  args: { action: string; fields: { name: string; value: string }[] }
  asset: { asset_id: string; websocket_url?: string }
}

export interface UploadedAsset {
  assetId: string
  /** Where the file now lives, for `url` / `video_poster_url` of /api/submit. */
  url: string
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
}

/**
 * Reddit's media lease flow (used by its own clients and PRAW; not in the public docs):
 * POST /api/media/asset.json for a signed S3 form, then the file as multipart to that form's
 * action. The action is protocol-relative ("//bucket.s3…"): it gets the API's scheme.
 */
export async function uploadAsset(
  ctx: AccountContext,
  bytes: Uint8Array,
  mimeType: string
): Promise<Result<UploadedAsset>> {
  const http = redditHttp(ctx)
  const lease = await http.send<Lease>({
    method: 'POST',
    url: '/api/media/asset.json',
    bearer: ctx.token.accessToken,
    form: { filepath: `upload.${EXTENSIONS[mimeType] ?? 'bin'}`, mimetype: mimeType },
  })
  if (lease.status !== 'ok')
    return lease.status === 'ambiguous' ? failed(lease.reason, true, 'timeout') : lease
  const { args, asset } = lease.value.body ?? ({} as Lease)
  if (!args?.action || !asset?.asset_id)
    return failed('Reddit gave no upload lease', true, 'no_lease')

  const scheme = new URL(redditUrls(ctx.settings).api).protocol
  const action = args.action.startsWith('//') ? `${scheme}${args.action}` : args.action
  const form = new FormData()
  for (const field of args.fields) form.append(field.name, field.value)
  form.append(
    'file',
    new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mimeType }),
    `upload.${EXTENSIONS[mimeType] ?? 'bin'}`
  )
  // The upload only stores a file under a fresh key: retrying it cannot create a post.
  const stored = await http.send({ method: 'POST', url: action, body: form, timeoutMs: 300_000 })
  if (stored.status === 'ambiguous') return failed(stored.reason, true, 'timeout')
  if (stored.status !== 'ok') return stored
  const key = args.fields.find((field) => field.name === 'key')?.value
  if (!key) return failed('Reddit upload lease had no key', true, 'no_lease')
  return ok({ assetId: asset.asset_id, url: `${action}/${key}` })
}

export function uploadDefaultPoster(ctx: AccountContext) {
  return uploadAsset(ctx, DEFAULT_POSTER, 'image/png')
}
