import { test } from '@japa/runner'
import { asDelivered, checkPost, type Capabilities, type MediaItem } from '#sdk'

const caps = (overrides: Partial<Capabilities>): Capabilities =>
  ({
    text: { limit: 500, counter: { id: 'graphemes' }, optionalWithMedia: true },
    ...overrides,
  }) as Capabilities

const item = (overrides: Partial<MediaItem>): MediaItem => ({
  kind: 'image',
  mimeType: 'image/jpeg',
  bytes: 100_000,
  width: 1000,
  height: 1000,
  read: async () => new Uint8Array(),
  ...overrides,
})

test.group('SDK / media as the pipeline delivers it', () => {
  const instagramLike = caps({
    images: {
      max: 10,
      maxBytes: 8_000_000,
      formats: ['image/jpeg'],
      aspectRatio: { min: 0.8, max: 1.91 },
    },
  })

  test('an image is re-encoded, padded into the aspect bounds and brought under the byte ceiling', ({
    assert,
  }) => {
    const delivered = asDelivered(
      item({ mimeType: 'image/png', bytes: 12_000_000, width: 1080, height: 1920 }),
      instagramLike
    )
    assert.deepInclude(delivered, {
      mimeType: 'image/jpeg',
      bytes: 8_000_000,
      width: 1536,
      height: 1920,
    })
    assert.deepEqual(
      checkPost({ capabilities: instagramLike, optionFields: [] } as any, {
        text: 'hi',
        media: [delivered],
        options: {},
      }),
      []
    )
  })

  test('an image that already fits is delivered unchanged', ({ assert }) => {
    const original = item({})
    assert.deepEqual(asDelivered(original, instagramLike), { ...original })
  })

  test('what the pipeline cannot fix stays visible: no encodable format, an oversized GIF', ({
    assert,
  }) => {
    const gifOnly = caps({ images: { max: 1, maxBytes: 1_000_000, formats: ['image/gif'] } })
    const bigGif = item({ mimeType: 'image/gif', bytes: 3_000_000 })
    assert.equal(asDelivered(bigGif, gifOnly).bytes, 3_000_000)
    const heicOnly = caps({ images: { max: 1, formats: ['image/heic'] } })
    assert.equal(asDelivered(item({}), heicOnly).mimeType, 'image/jpeg')
  })

  test('a video is transcoded to MP4 within the dimensions and bytes; its length never changes', ({
    assert,
  }) => {
    const xLike = caps({
      video: {
        max: 1,
        maxBytes: 512_000_000,
        formats: ['video/mp4'],
        maxSeconds: 140,
        maxWidth: 1280,
        maxHeight: 1024,
        aspectRatio: { min: 1 / 3, max: 3 },
      },
    })
    const phone = item({
      kind: 'video',
      mimeType: 'video/quicktime',
      bytes: 900_000_000,
      width: 1920,
      height: 1080,
      durationSeconds: 600,
    })
    const delivered = asDelivered(phone, xLike)
    assert.deepInclude(delivered, {
      mimeType: 'video/mp4',
      bytes: 512_000_000,
      width: 1280,
      height: 720,
      durationSeconds: 600,
    })
    const issues = checkPost({ capabilities: xLike, optionFields: [] } as any, {
      text: 'tour',
      media: [delivered],
      options: {},
    })
    assert.deepEqual(issues, [{ code: 'video_too_long', params: { max: 140 } }])
  })

  test('a video without MP4 among the formats, or one that fits, is left as it is', ({
    assert,
  }) => {
    const webmOnly = caps({ video: { max: 1, maxBytes: 1000, formats: ['video/webm'] } })
    const clip = item({ kind: 'video', mimeType: 'video/mp4', bytes: 5000, durationSeconds: 3 })
    assert.deepEqual(asDelivered(clip, webmOnly), clip)
    const roomy = caps({ video: { max: 1, formats: ['video/mp4'] } })
    assert.deepEqual(asDelivered(clip, roomy), clip)
  })
})
