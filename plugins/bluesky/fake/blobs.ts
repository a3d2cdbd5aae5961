import type { FakeRequest } from '#sdk/testing/fake_server'
import { cidOf, lexicons } from './lexicon_checks.js'

/**
 * The PDS's blobs: com.atproto.repo.uploadBlob stores them by CID, and a record that references
 * one is checked against the lexicon's blob constraints (accept, maxSize) when it is created.
 */
export class BlobStore {
  #blobs = new Map<string, { mimeType: string; size: number }>()

  /** Stores the request body as a blob (caller authenticated, body not empty); returns the blob ref. */
  upload(request: FakeRequest) {
    const mimeType = String(request.headers['content-type'] ?? 'application/octet-stream').split(
      ';'
    )[0]
    const cid = cidOf(request.rawBody, 0x55)
    this.#blobs.set(cid, { mimeType, size: request.rawBody.length })
    return { $type: 'blob', ref: { $link: cid }, mimeType, size: request.rawBody.length }
  }

  /** The PDS checks blob constraints (accept, maxSize) when a record references the blob. */
  problemIn(record: Record<string, any>): string | null {
    const embed = record.embed ?? {}
    const refs =
      embed.$type === 'app.bsky.embed.images'
        ? embed.images.map((image: any) => ({
            blob: image.image,
            def: 'app.bsky.embed.images#image',
            field: 'image',
          }))
        : embed.$type === 'app.bsky.embed.video'
          ? [{ blob: embed.video, def: 'app.bsky.embed.video', field: 'video' }]
          : []
    for (const { blob, def, field } of refs) {
      const stored = this.#blobs.get(blob.ref.$link)
      if (!stored) return `blob ${blob.ref.$link} was never uploaded`
      const rules = (lexicons.getDefOrThrow(def) as any).properties[field] as {
        accept: string[]
        maxSize: number
      }
      const accepted = rules.accept.some((pattern) =>
        pattern.endsWith('/*')
          ? stored.mimeType.startsWith(pattern.slice(0, -1))
          : stored.mimeType === pattern
      )
      if (!accepted)
        return `blob mime type ${stored.mimeType} is not accepted (${rules.accept.join(', ')})`
      if (stored.size > rules.maxSize) return `blob is ${stored.size} bytes, over ${rules.maxSize}`
      if (blob.mimeType !== stored.mimeType || blob.size !== stored.size)
        return 'blob ref does not match the uploaded blob'
    }
    return null
  }
}
