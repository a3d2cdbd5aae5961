import { test } from '@japa/runner'
import type { ServerResponse } from 'node:http'
import { withCleanState } from '#tests/helpers/database'
import redis from '@adonisjs/redis/services/main'
import { LINK_CARD_MAX_BYTES, linkCardCacheKey, linkCardFor } from '#services/link_cards/link_card'
import { html, ogPage, startSite } from './_site.js'

test.group('Link cards / fetching a page’s card', (group) => {
  withCleanState(group)

  test('a page with Open Graph tags gives title, description, absolute image and domain', async ({
    assert,
  }) => {
    const site = await startSite({
      '/menu': html(ogPage('Spring menu &lt;b&gt;at&lt;/b&gt; Acme <script>')),
    })
    try {
      const card = await linkCardFor(site.url('/menu#top'))
      assert.deepEqual(card, {
        url: site.url('/menu'),
        domain: '127.0.0.1',
        // Entities decoded once, markup kept as text: the page shows it, never renders it.
        title: 'Spring menu <b>at</b> Acme <script>',
        description: 'Fresh from the oven & still warm',
        imageUrl: site.url('/img/croissant.jpg'),
      })
    } finally {
      await site.close()
    }
  })

  test('the second call within a day is answered from the cache, a page without a card too', async ({
    assert,
  }) => {
    const site = await startSite({
      '/menu': html(ogPage('Spring menu')),
      '/bare': html('<html><body>no head at all</body></html>'),
    })
    try {
      const first = await linkCardFor(site.url('/menu'))
      const again = await linkCardFor(site.url('/menu'))
      assert.equal(first?.title, 'Spring menu')
      assert.deepEqual(again, first)
      assert.equal(site.hits['/menu'], 1)
      assert.closeTo(await redis.ttl(linkCardCacheKey(site.url('/menu'))), 24 * 3600, 60)

      assert.isNull(await linkCardFor(site.url('/bare')))
      assert.isNull(await linkCardFor(site.url('/bare')))
      assert.equal(site.hits['/bare'], 1)
      assert.closeTo(await redis.ttl(linkCardCacheKey(site.url('/bare'))), 3600, 60)
    } finally {
      await site.close()
    }
  })

  test('private addresses are refused before any request, in any spelling', async ({ assert }) => {
    // A service on this machine that no allow-list names, as an intranet page would be.
    const site = await startSite({ '/menu': html(ogPage('Internal')) }, { allowed: false })
    try {
      for (const host of ['127.0.0.1', 'localhost', '2130706433', '0x7f.1', '[::ffff:127.0.0.1]'])
        assert.isNull(await linkCardFor(`http://${host}:${site.port}/menu`), host)
      assert.isNull(await linkCardFor('http://169.254.169.254/latest/meta-data/'))
      assert.isNull(await linkCardFor('http://10.0.0.7/'))
      assert.isUndefined(site.hits['/menu'])
      // Other schemes are not fetched at all.
      assert.isNull(await linkCardFor('file:///etc/passwd'))
    } finally {
      await site.close()
    }
  })

  test('a huge page is read only up to the cap (its head still gives the card)', async ({
    assert,
  }) => {
    let sent = 0
    let closed = false
    // Far more than loopback's socket buffers hold, so a fetch that read it all would show.
    const total = 256 * LINK_CARD_MAX_BYTES
    const site = await startSite({
      '/huge': (response: ServerResponse) => {
        response.writeHead(200, { 'content-type': 'text/html' })
        response.on('close', () => (closed = true))
        const filler = `<p>${'x'.repeat(16 * 1024)}</p>`
        const pump = () => {
          while (!closed && sent < total) {
            const chunk = sent === 0 ? ogPage('Huge page').replace('</body></html>', '') : filler
            sent += Buffer.byteLength(chunk)
            if (!response.write(chunk)) return response.once('drain', pump)
          }
          if (!closed) response.end()
        }
        pump()
      },
    })
    try {
      const card = await linkCardFor(site.url('/huge'))
      assert.equal(card?.title, 'Huge page')
      await new Promise((resolve) => setTimeout(resolve, 200))
      assert.isTrue(closed)
      assert.isBelow(sent, total / 4, 'the fetch hung up long before the end of the page')
    } finally {
      await site.close()
    }
  })

  test('a page that never finishes is given up after the timeout, without a card', async ({
    assert,
  }) => {
    const site = await startSite({
      '/slow': (response: ServerResponse) => {
        response.writeHead(200, { 'content-type': 'text/html' })
        response.write('<html><head><title>Still loading')
      },
    })
    try {
      const started = Date.now()
      assert.isNull(await linkCardFor(site.url('/slow')))
      const took = Date.now() - started
      assert.isAtLeast(took, 4500)
      assert.isBelow(took, 9000)
      // A timeout may be passing: asked again within minutes, not an hour.
      assert.isAtMost(await redis.ttl(linkCardCacheKey(site.url('/slow'))), 300)
    } finally {
      await site.close()
    }
  }).timeout(20_000)

  test('a redirect to a private address is refused at the hop', async ({ assert }) => {
    const site = await startSite({
      '/away': (response: ServerResponse) => {
        response.writeHead(302, { location: 'http://127.0.0.1:9/secret' })
        response.end()
      },
    })
    try {
      assert.isNull(await linkCardFor(site.url('/away')))
      assert.equal(site.hits['/away'], 1)
    } finally {
      await site.close()
    }
  })
})
