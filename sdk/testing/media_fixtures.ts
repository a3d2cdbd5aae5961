import type { MediaItem } from '../contract.js'

/** A valid 1×1 PNG. */
const PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64'
  )
)

/** A valid 8×8 JPEG, for networks that take no PNG (Instagram, TikTok photos). */
const JPEG = Uint8Array.from(
  Buffer.from(
    '/9j/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAIAAgDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAT/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAABQb/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCsBBDn/9k=',
    'base64'
  )
)

/** The start of an MP4 (an `ftyp` box); enough for fakes that check the container type. */
const MP4 = Uint8Array.from(
  Buffer.concat([
    Buffer.from([0, 0, 0, 0x18]),
    Buffer.from('ftypmp42\0\0\0\0mp42isom'),
    Buffer.alloc(64),
  ])
)

export function imageFixture(
  altText: string | null = null,
  overrides: Partial<MediaItem> = {}
): MediaItem {
  if (overrides.mimeType === 'image/jpeg') {
    return {
      kind: 'image',
      bytes: JPEG.length,
      width: 8,
      height: 8,
      altText,
      read: async () => JPEG,
      ...overrides,
      mimeType: 'image/jpeg',
    }
  }
  return {
    kind: 'image',
    mimeType: 'image/png',
    bytes: PNG.length,
    width: 1,
    height: 1,
    altText,
    read: async () => PNG,
    ...overrides,
  }
}

/**
 * An image in a format the network accepts: PNG when it may, else JPEG; padded with bytes after
 * its end marker (which decoders ignore) to `minBytes` for a network that refuses tiny files.
 */
export function acceptedImageFixture(
  formats: string[],
  altText: string | null = null,
  minBytes = 0
): MediaItem {
  const image = imageFixture(
    altText,
    formats.includes('image/png') ? {} : { mimeType: 'image/jpeg' }
  )
  if (image.bytes >= minBytes) return image
  const read = image.read
  return {
    ...image,
    bytes: minBytes,
    read: async () => {
      const bytes = new Uint8Array(minBytes)
      bytes.set(await read())
      return bytes
    },
  }
}

export function videoFixture(overrides: Partial<MediaItem> = {}): MediaItem {
  return {
    kind: 'video',
    mimeType: 'video/mp4',
    bytes: MP4.length,
    width: 1280,
    height: 720,
    durationSeconds: 5,
    read: async () => MP4,
    ...overrides,
  }
}
