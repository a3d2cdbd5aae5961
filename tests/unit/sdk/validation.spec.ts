import { test } from '@japa/runner'
import { validateAgainstCapabilities, type Capabilities, type MediaItem } from '#sdk'

const capabilities: Capabilities = {
  text: { limit: 300, limitBytes: 3000, counter: { id: 'graphemes' }, optionalWithMedia: true },
  images: {
    max: 4,
    maxBytes: 1_000_000,
    formats: ['image/jpeg', 'image/png'],
    altText: { supported: true, maxLength: 20 },
  },
  video: { max: 1, formats: ['video/mp4'], maxSeconds: 60 },
  mixedMedia: false,
  mediaRequired: false,
  mediaByPublicUrl: false,
  threads: true,
  firstComment: false,
  asyncPublish: false,
  idempotencyKey: false,
  revocable: false,
  metrics: ['likes'],
}

const image = (extra: Partial<MediaItem> = {}): MediaItem => ({
  kind: 'image',
  mimeType: 'image/jpeg',
  bytes: 1000,
  read: async () => new Uint8Array(),
  ...extra,
})

const codes = (issues: { code: string }[]) => issues.map((issue) => issue.code)

test.group('SDK capability validation', () => {
  test('a valid post has no issue', ({ assert }) => {
    assert.deepEqual(
      validateAgainstCapabilities(capabilities, { text: 'hello', media: [image()], options: {} }),
      []
    )
  })

  test('text too long, too many images, alt text too long, wrong format are all reported', ({
    assert,
  }) => {
    const issues = validateAgainstCapabilities(capabilities, {
      text: 'x'.repeat(301),
      media: [
        image(),
        image(),
        image(),
        image(),
        image({ mimeType: 'image/gif', altText: 'a'.repeat(21) }),
      ],
      options: {},
    })
    assert.includeMembers(codes(issues), [
      'text_too_long',
      'too_many_images',
      'media_format_not_supported',
      'alt_text_too_long',
    ])
    assert.deepEqual(issues.find((i) => i.code === 'text_too_long')?.params, {
      length: 301,
      limit: 300,
    })
  })

  test('empty text is allowed only with media; mixing image and video is refused here', ({
    assert,
  }) => {
    assert.deepEqual(
      codes(validateAgainstCapabilities(capabilities, { text: ' ', media: [], options: {} })),
      ['text_required']
    )
    const video: MediaItem = {
      kind: 'video',
      mimeType: 'video/mp4',
      bytes: 10,
      durationSeconds: 61,
      read: async () => new Uint8Array(),
    }
    assert.includeMembers(
      codes(
        validateAgainstCapabilities(capabilities, {
          text: '',
          media: [image(), video],
          options: {},
        })
      ),
      ['mixed_media_not_allowed', 'video_too_long']
    )
  })
})

test.group('SDK capability validation / a minimum file size', () => {
  test('an image under `images.minBytes` is too small; at the floor it passes', ({ assert }) => {
    const floored = { ...capabilities, images: { ...capabilities.images!, minBytes: 10_240 } }
    const post = (bytes: number) => ({ text: 'hello', media: [image({ bytes })], options: {} })
    assert.deepEqual(validateAgainstCapabilities(floored, post(10_239)), [
      { code: 'media_too_small', params: { min: 10_240 } },
    ])
    assert.deepEqual(validateAgainstCapabilities(floored, post(10_240)), [])
    assert.deepEqual(validateAgainstCapabilities(capabilities, post(10)), [])
  })
})
