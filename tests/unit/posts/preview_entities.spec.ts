import { test } from '@japa/runner'
import { previewSegments } from '../../../resources/components/posts/preview_entities.js'

/** The entities of a preview as `kind:text` (plain text left out). */
const entities = (text: string, network: string, instance?: string) =>
  previewSegments(text, network, instance)
    .filter((segment) => segment.kind !== 'text')
    .map(
      (segment) => `${segment.kind}:${segment.text}${segment.title ? ` → ${segment.title}` : ''}`
    )

const TEXT =
  'Merci @alice.bsky.social et @bob, #croissant #2026 chez @chef@piaille.fr: https://bakery.example/menu.'

test.group('Composer preview: mentions and hashtags as each network renders them', () => {
  test('Bluesky: domain-like handles and tags (facets), not a bare @name nor a tag of digits', ({
    assert,
  }) => {
    assert.deepEqual(entities(TEXT, 'bluesky'), [
      'mention:@alice.bsky.social',
      'tag:#croissant',
      'link:https://bakery.example/menu',
    ])
  })

  test('X: @ and up to 15 word characters (a dot ends it, an @ spoils it), hashtags with a letter', ({
    assert,
  }) => {
    assert.deepEqual(entities(TEXT, 'x'), [
      'mention:@alice',
      'mention:@bob',
      'tag:#croissant',
      'link:https://bakery.example/menu',
    ])
  })

  test('Mastodon: local mentions point to the account’s instance, remote ones keep theirs', ({
    assert,
  }) => {
    assert.deepEqual(entities(TEXT, 'mastodon', 'mastodon.social'), [
      'mention:@alice.bsky.social → @alice.bsky.social@mastodon.social',
      'mention:@bob → @bob@mastodon.social',
      'tag:#croissant',
      'mention:@chef@piaille.fr',
      'link:https://bakery.example/menu',
    ])
  })

  test('other networks link URLs only, and the text is kept whole', ({ assert }) => {
    assert.deepEqual(entities(TEXT, 'linkedin'), ['link:https://bakery.example/menu'])
    assert.equal(
      previewSegments(TEXT, 'mastodon', 'mastodon.social')
        .map((segment) => segment.text)
        .join(''),
      TEXT
    )
  })

  test('an e-mail address and a #fragment inside a URL are neither mentions nor tags', ({
    assert,
  }) => {
    const text = 'Write to hello@bakery.example or see https://bakery.example/#menu'
    for (const network of ['bluesky', 'x', 'mastodon'])
      assert.deepEqual(entities(text, network, 'mastodon.social'), [
        'link:https://bakery.example/#menu',
      ])
  })
})
