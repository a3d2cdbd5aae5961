import { randomBytes } from 'node:crypto'
import type { FakeReply, FakeRequest, FakeServer } from '#sdk/testing/fake_server'

type GuardedRoute = (
  method: string,
  path: string,
  scope: string,
  handler: (request: FakeRequest) => FakeReply
) => void

/**
 * Reddit's media asset lease (provider-specs/reddit/FLOW.md): POST /api/media/asset.json
 * hands out an S3-style form, the file is posted to it, and a submission then names the
 * uploaded file by its URL (image, video poster) or its asset id (gallery items).
 */
export class FakeRedditAssets {
  #assets = new Map<string, { key: string; mimeType: string; bytes: Uint8Array | null }>()

  routes(server: FakeServer, route: GuardedRoute) {
    route('POST', '/api/media/asset.json', 'submit', (request) => {
      const { filepath, mimetype } = request.body
      if (!filepath || !/^(image|video)\//.test(mimetype ?? ''))
        return { status: 400, json: { message: 'Bad Request', error: 400 } }
      const assetId = randomBytes(6).toString('hex')
      const key = `rte_images/${assetId}/${filepath}`
      this.#assets.set(assetId, { key, mimeType: mimetype, bytes: null })
      const host = server.baseUrl.replace(/^https?:/, '')
      return {
        json: {
          args: {
            action: `${host}/s3-upload`,
            fields: [
              { name: 'acl', value: 'private' },
              { name: 'key', value: key },
              { name: 'Content-Type', value: mimetype },
              { name: 'x-amz-signature', value: 'f4k3' },
            ],
          },
          asset: {
            asset_id: assetId,
            processing_state: 'incomplete',
            payload: { filepath },
            websocket_url: `wss://ws.fake/${assetId}`,
          },
        },
      }
    })

    server.route('POST', '/s3-upload', (request) => {
      const key = request.body.key
      const asset = [...this.#assets.values()].find((entry) => entry.key === key)
      const file = request.files.file?.[0]
      if (!asset || !file || request.body['x-amz-signature'] !== 'f4k3')
        return { status: 403, text: '<Error><Code>AccessDenied</Code></Error>' }
      asset.bytes = file.bytes
      return {
        status: 201,
        text: `<PostResponse><Location>${server.baseUrl}/s3-upload/${encodeURIComponent(key)}</Location><Key>${key}</Key></PostResponse>`,
      }
    })
  }

  /** An uploaded file named by the URL the S3 form answered with. */
  byUrl(url: string | undefined) {
    const key = decodeURIComponent(String(url ?? '').split('/s3-upload/')[1] ?? '')
    return [...this.#assets.values()].find((asset) => asset.key === key && asset.bytes)
  }

  /** Whether the asset id's file was uploaded. */
  uploaded(assetId: string) {
    return !!this.#assets.get(assetId)?.bytes
  }
}
