import { test } from '@japa/runner'
import { buildFacets, detectCandidates } from '../facets.js'

const bytes = (text: string) => new TextEncoder().encode(text)
/** The text a byte range covers, decoded back: what the Bluesky app will underline. */
const covered = (text: string, index: { byteStart: number; byteEnd: number }) =>
  new TextDecoder().decode(bytes(text).slice(index.byteStart, index.byteEnd))

const directory: Record<string, string> = {
  'alice.bsky.social': 'did:plc:alice2222222222222222222',
}
const resolve = async (handle: string) => directory[handle] ?? null

test.group('bluesky facets', () => {
  test('a link after emoji and accents gets UTF-8 byte offsets, not string indices', async ({
    assert,
  }) => {
    const text = 'Ship it 🚀 — café at https://example.com/launch'
    const [facet] = await buildFacets(text, resolve)
    assert.deepEqual(facet.features, [
      { $type: 'app.bsky.richtext.facet#link', uri: 'https://example.com/launch' },
    ])
    // 🚀 is 2 UTF-16 units but 4 bytes, — is 3 bytes, é is 2: the byte start is 5 more than indexOf.
    assert.equal(facet.index.byteStart, text.indexOf('https') + 5)
    assert.equal(facet.index.byteEnd, bytes(text).length)
    assert.equal(covered(text, facet.index), 'https://example.com/launch')
  })

  test('combining accents and ZWJ emoji sequences shift offsets too', async ({ assert }) => {
    const text = 'Cafe\u0301 👩‍👩‍👧 see https://pistache.example/a?b=1'
    const [facet] = await buildFacets(text, resolve)
    assert.equal(covered(text, facet.index), 'https://pistache.example/a?b=1')
    assert.notEqual(facet.index.byteStart, text.indexOf('https'))
  })

  test('sentence punctuation and an unopened parenthesis stay out of a link', ({ assert }) => {
    const text = 'Read it (https://example.com/a_(b)) now. Also https://example.com/x.'
    const links = detectCandidates(text).filter((c) => c.kind === 'link')
    assert.deepEqual(
      links.map((l) => (l.kind === 'link' ? l.uri : '')),
      ['https://example.com/a_(b)', 'https://example.com/x']
    )
    for (const link of links)
      assert.equal(covered(text, link.index), link.kind === 'link' ? link.uri : '')
  })

  test('a mention resolves to its DID and covers the @handle', async ({ assert }) => {
    const text = 'Merci 🙏 @alice.bsky.social.'
    const [facet] = await buildFacets(text, resolve)
    assert.deepEqual(facet.features, [
      { $type: 'app.bsky.richtext.facet#mention', did: 'did:plc:alice2222222222222222222' },
    ])
    assert.equal(covered(text, facet.index), '@alice.bsky.social')
  })

  test('an unresolvable handle stays plain text; an e-mail address is no mention', async ({
    assert,
  }) => {
    assert.deepEqual(await buildFacets('Hi @nobody.bsky.social and hello@example.com', resolve), [])
  })

  test('hashtags become tag facets without the #, numbers and URL fragments do not', async ({
    assert,
  }) => {
    const text = 'Été 🌞 #pistache, #2024 and https://example.com/#anchor ＃café'
    const facets = await buildFacets(text, resolve)
    const tags = facets.filter((f) => f.features[0].$type === 'app.bsky.richtext.facet#tag')
    assert.deepEqual(
      tags.map((f) => f.features[0]),
      [
        { $type: 'app.bsky.richtext.facet#tag', tag: 'pistache' },
        { $type: 'app.bsky.richtext.facet#tag', tag: 'café' },
      ]
    )
    assert.deepEqual(
      tags.map((f) => covered(text, f.index)),
      ['#pistache', '＃café']
    )
  })

  test('facets come in text order', async ({ assert }) => {
    const text = '#first @alice.bsky.social https://example.com'
    const facets = await buildFacets(text, resolve)
    assert.deepEqual(
      facets.map((f) => f.index.byteStart),
      [0, 7, 26]
    )
  })
})
