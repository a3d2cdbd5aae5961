import { test } from '@japa/runner'
import { decodeEntities, parseLinkMeta } from '#services/link_cards/parse_link_meta'

test.group('Link cards / reading meta tags', () => {
  test('Open Graph first, then Twitter, then the title and description tags', ({ assert }) => {
    assert.deepEqual(
      parseLinkMeta(`<head><title>Page</title>
        <meta name="twitter:title" content="From Twitter">
        <meta content='From OG' property='og:title'>
        <meta name=description content=Plain>
        <meta name="twitter:image" content="https://cdn.example/t.png"></head>`),
      {
        title: 'From OG',
        description: 'Plain',
        image: 'https://cdn.example/t.png',
        siteName: null,
      }
    )
    assert.equal(parseLinkMeta('<title>\n  Only   a title </title>').title, 'Only a title')
  })

  test('tags inside comments and scripts are not the page’s own', ({ assert }) => {
    const meta = parseLinkMeta(`<!-- <meta property="og:title" content="Commented"> -->
      <script>document.write('<meta property="og:title" content="Scripted">')</script>
      <meta property="og:title" content="Real">`)
    assert.equal(meta.title, 'Real')
  })

  test('entities decoded once, long texts cut, empty values ignored', ({ assert }) => {
    assert.equal(decodeEntities('&amp;lt; &#233;t&#xE9; &bogus; &#0;'), '&lt; été &bogus; &#0;')
    const meta = parseLinkMeta(
      `<meta property="og:title" content=" "><meta name="twitter:title" content="Kept">
       <meta property="og:description" content="${'word '.repeat(200)}">`
    )
    assert.equal(meta.title, 'Kept')
    assert.lengthOf(meta.description!, 300)
    assert.isTrue(meta.description!.endsWith('…'))
  })

  test('a page built to make a pattern backtrack is read in linear time', ({ assert }) => {
    const size = 256 * 1024
    for (const unit of ['<meta a="', '<meta ', 'x', '<title>', '<!-', "<meta content='a "]) {
      const page = unit.repeat(Math.ceil(size / unit.length))
      const started = performance.now()
      parseLinkMeta(page)
      assert.isBelow(performance.now() - started, 500, unit)
    }
  })

  test('a `>` or a tag inside a quoted value ends nothing', ({ assert }) => {
    const meta = parseLinkMeta(
      `<meta property="og:title" content="5 > 3 <script> stays">
       <title>First</title><title>Second</title>`
    )
    assert.equal(meta.title, '5 > 3 <script> stays')
    assert.equal(parseLinkMeta('<title>First</title><title>Second</title>').title, 'First')
  })
})
