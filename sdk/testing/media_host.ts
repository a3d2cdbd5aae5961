import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { MediaItem } from '../contract.js'

/**
 * Serves media items over HTTP, standing in for the app's signed media URLs, for
 * networks that fetch media from a public URL (Instagram, Threads, Pinterest).
 */
export class MediaHost {
  #server?: Server
  #files = new Map<string, { type: string; bytes: Uint8Array }>()
  #next = 0
  baseUrl = ''

  async start() {
    this.#server = createServer((req, res) => {
      const file = this.#files.get(req.url ?? '')
      if (!file) {
        res.writeHead(404).end()
        return
      }
      res
        .writeHead(200, { 'content-type': file.type, 'content-length': file.bytes.length })
        .end(Buffer.from(file.bytes))
    })
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve))
    this.baseUrl = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`
    return this
  }

  /** The same item with a `publicUrl` this host serves. */
  async publish(item: MediaItem): Promise<MediaItem> {
    const path = `/media/${this.#next++}.${item.mimeType.split('/')[1] ?? 'bin'}`
    this.#files.set(path, { type: item.mimeType, bytes: await item.read() })
    return { ...item, publicUrl: `${this.baseUrl}${path}` }
  }

  async close() {
    this.#server?.closeAllConnections()
    await new Promise((resolve) => (this.#server ? this.#server.close(resolve) : resolve(null)))
  }
}
