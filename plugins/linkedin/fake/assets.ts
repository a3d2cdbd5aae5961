import { randomBytes } from 'node:crypto'
import type { FakeReply, FakeRequest, FakeServer } from '#sdk/testing/fake_server'
import type { StoredPost } from '#sdk/testing/fake_network'
import { error, mayActAs, type RestGate } from './rest.js'

export interface Asset {
  urn: string
  kind: 'image' | 'video'
  owner: string
  size: number
  received: Map<number, { bytes: number; etag: string }>
  parts: { uploadUrl: string; firstByte: number; lastByte: number }[]
  uploadToken: string
  status: 'WAITING_UPLOAD' | 'PROCESSING' | 'AVAILABLE'
  pollsLeft: number
}

/** What the assets need from the LinkedIn fake. */
export interface AssetHost {
  gate: RestGate
  server: FakeServer
  /** Status reads a video needs before LinkedIn reports AVAILABLE (tests may change it). */
  processingPolls(): number
  /** Bytes per video part in upload instructions (tests may change it). */
  partBytes(): number
  newId(): string
}

/**
 * LinkedIn's media after FLOW.md: images (initializeUpload, then one PUT) and multipart videos
 * (initializeUpload with part instructions, PUT per part, finalizeUpload with the part ETags, then
 * a processing phase over a few status reads), and the media references a post may carry.
 */
export class LinkedInAssets {
  #assets = new Map<string, Asset>()

  constructor(private host: AssetHost) {}

  get(urn: string) {
    return this.#assets.get(urn)
  }

  routes(s: FakeServer) {
    const gate = this.host.gate

    s.route('POST', '/rest/images', (request) => {
      const denied = gate.rest(request)
      if (denied) return denied
      if (request.query.get('action') !== 'initializeUpload') return error(400, 'unknown action')
      const owner = request.body.initializeUploadRequest?.owner
      if (!owner || !mayActAs(owner))
        return error(403, `Not enough permissions to act as ${owner}`, 'ACCESS_DENIED')
      const id = this.host.newId()
      const urn = `urn:li:image:C4D${id}`
      this.#assets.set(urn, {
        urn,
        kind: 'image',
        owner,
        size: -1,
        received: new Map(),
        parts: [],
        uploadToken: '',
        status: 'WAITING_UPLOAD',
        pollsLeft: 0,
      })
      return {
        json: {
          value: {
            uploadUrlExpiresAt: Date.now() + 86_400_000,
            uploadUrl: `${s.baseUrl}/dms-uploads/image/${id}`,
            image: urn,
          },
        },
      }
    })

    s.route('PUT', '/dms-uploads/image/:id', (request) => {
      const denied = gate.auth(request)
      if (denied) return denied
      const asset = this.#assets.get(`urn:li:image:C4D${request.params.id}`)
      if (!asset || asset.status !== 'WAITING_UPLOAD') return error(400, 'no upload waiting here')
      if (!request.rawBody.length) return error(400, 'empty upload')
      asset.status = 'AVAILABLE'
      asset.size = request.rawBody.length
      return { status: 201, text: '' }
    })

    s.route('POST', '/rest/videos', (request) => {
      const denied = gate.rest(request)
      if (denied) return denied
      const action = request.query.get('action')
      if (action === 'initializeUpload') return this.#initVideo(request)
      if (action === 'finalizeUpload') return this.#finalizeVideo(request)
      return error(400, 'unknown action')
    })

    s.route('PUT', '/dms-uploads/video/:id/:part', (request) => {
      const asset = this.#assets.get(`urn:li:video:C5F${request.params.id}`)
      const index = Number(request.params.part)
      const part = asset?.parts[index]
      if (!asset || !part) return error(404, 'unknown upload part')
      if (request.rawBody.length !== part.lastByte - part.firstByte + 1)
        return error(400, `part ${index} must be ${part.lastByte - part.firstByte + 1} bytes`)
      const etag = `/ambry/${randomBytes(8).toString('hex')}`
      asset.received.set(index, { bytes: request.rawBody.length, etag })
      return { status: 200, headers: { etag }, text: '' }
    })

    for (const kind of ['images', 'videos'] as const) {
      s.route('GET', `/rest/${kind}/:urn`, (request) => {
        const denied = gate.rest(request)
        if (denied) return denied
        const asset = this.#assets.get(request.params.urn)
        if (!asset) return error(404, `${request.params.urn} not found`, 'NOT_FOUND')
        if (asset.status === 'PROCESSING' && --asset.pollsLeft <= 0) asset.status = 'AVAILABLE'
        return { json: { id: asset.urn, owner: asset.owner, status: asset.status } }
      })
    }
  }

  /** The media a post's `content` references: assets of its author, AVAILABLE; multiImage takes 2 to 20 images. */
  mediaOf(content: any, author: string): { items: StoredPost['media'] } | { error: string } {
    if (!content) return { items: [] }
    const refs: { id: string; altText?: string }[] = content.media
      ? [content.media]
      : (content.multiImage?.images ?? [])
    if (content.multiImage && (refs.length < 2 || refs.length > 20))
      return { error: '/content/multiImage/images must hold 2 to 20 images' }
    const items: StoredPost['media'] = []
    for (const ref of refs) {
      const asset = this.#assets.get(ref.id)
      if (!asset || asset.owner !== author)
        return { error: `${ref.id} is not an asset of ${author}` }
      if (asset.status !== 'AVAILABLE')
        return { error: `${ref.id} is ${asset.status}, not AVAILABLE` }
      if (content.multiImage && asset.kind !== 'image')
        return { error: 'multiImage takes images only' }
      items.push({ kind: asset.kind, altText: ref.altText ?? null })
    }
    return { items }
  }

  #initVideo(request: FakeRequest): FakeReply {
    const init = request.body.initializeUploadRequest ?? {}
    if (!init.owner || !mayActAs(init.owner))
      return error(403, `Not enough permissions to act as ${init.owner}`, 'ACCESS_DENIED')
    if (!Number.isInteger(init.fileSizeBytes) || init.fileSizeBytes <= 0)
      return error(422, 'fileSizeBytes is required')
    const id = this.host.newId()
    const urn = `urn:li:video:C5F${id}`
    const partBytes = this.host.partBytes()
    const parts: Asset['parts'] = []
    for (let first = 0, index = 0; first < init.fileSizeBytes; first += partBytes, index++) {
      parts.push({
        uploadUrl: `${this.host.server.baseUrl}/dms-uploads/video/${id}/${index}`,
        firstByte: first,
        lastByte: Math.min(first + partBytes, init.fileSizeBytes) - 1,
      })
    }
    const uploadToken = parts.length > 1 ? randomBytes(12).toString('hex') : ''
    this.#assets.set(urn, {
      urn,
      kind: 'video',
      owner: init.owner,
      size: init.fileSizeBytes,
      received: new Map(),
      parts,
      uploadToken,
      status: 'WAITING_UPLOAD',
      pollsLeft: this.host.processingPolls(),
    })
    return {
      json: {
        value: {
          uploadUrlsExpireAt: Date.now() + 86_400_000,
          video: urn,
          uploadInstructions: parts,
          uploadToken,
        },
      },
    }
  }

  #finalizeVideo(request: FakeRequest): FakeReply {
    const finalize = request.body.finalizeUploadRequest ?? {}
    const asset = this.#assets.get(finalize.video)
    if (!asset || asset.kind !== 'video') return error(404, 'unknown video')
    if ((finalize.uploadToken ?? '') !== asset.uploadToken)
      return error(400, 'uploadToken does not match')
    const etags = asset.parts.map((_, index) => asset.received.get(index)?.etag)
    if (
      etags.some((etag) => !etag) ||
      JSON.stringify(etags) !== JSON.stringify(finalize.uploadedPartIds)
    ) {
      return error(400, 'uploadedPartIds must list every part ETag in order')
    }
    asset.status = 'PROCESSING'
    return { status: 200, text: '' }
  }
}
