import { ambiguous, ok, type HttpClient, type Result } from '#sdk'

const MIN_CHUNK = 5 * 1024 * 1024
const MAX_CHUNK = 64 * 1024 * 1024
const MAX_CHUNKS = 1000

export interface ChunkPlan {
  videoSize: number
  chunkSize: number
  totalChunkCount: number
}

/**
 * TikTok's chunk rules: a file under 5 MB goes whole; otherwise chunks are 5–64 MB,
 * total_chunk_count = floor(size / chunk_size), and the last chunk takes the remainder
 * (it may reach 128 MB). At most 1000 chunks.
 */
export function planChunks(videoSize: number, preferred: number): ChunkPlan {
  if (videoSize < MIN_CHUNK) return { videoSize, chunkSize: videoSize, totalChunkCount: 1 }
  let chunkSize = Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, Math.floor(preferred)))
  chunkSize = Math.max(chunkSize, Math.ceil(videoSize / MAX_CHUNKS))
  if (chunkSize > videoSize) chunkSize = videoSize
  return { videoSize, chunkSize, totalChunkCount: Math.max(1, Math.floor(videoSize / chunkSize)) }
}

/** Byte ranges of each chunk, inclusive, the last one stretched to the end of the file. */
export function chunkRanges(plan: ChunkPlan): [number, number][] {
  return Array.from({ length: plan.totalChunkCount }, (_, index) => {
    const first = index * plan.chunkSize
    const last =
      index === plan.totalChunkCount - 1 ? plan.videoSize - 1 : first + plan.chunkSize - 1
    return [first, last]
  })
}

/**
 * PUT {upload_url} chunk by chunk, in order, with Content-Range. The upload URL is signed,
 * so no bearer goes with it. Once the last byte lands TikTok starts processing (and, for a
 * direct post, publishing), so a lost answer here is ambiguous.
 */
export async function uploadChunks(
  http: HttpClient,
  uploadUrl: string,
  mimeType: string,
  bytes: Uint8Array,
  plan: ChunkPlan
): Promise<Result<void>> {
  for (const [first, last] of chunkRanges(plan)) {
    const sent = await http.send({
      method: 'PUT',
      url: uploadUrl,
      headers: {
        'content-type': mimeType,
        'content-range': `bytes ${first}-${last}/${plan.videoSize}`,
      },
      body: bytes.subarray(first, last + 1),
      timeoutMs: 300_000,
    })
    if (sent.status === 'ambiguous') return ambiguous(sent.reason)
    if (sent.status !== 'ok') return sent
  }
  return ok(undefined)
}
