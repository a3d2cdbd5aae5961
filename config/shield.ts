import { defineConfig } from '@adonisjs/shield'
import app from '@adonisjs/core/services/app'

const shieldConfig = defineConfig({
  /** Vite's dev server injects scripts, so CSP is enforced only outside development. */
  csp: {
    enabled: !app.inDev,
    directives: {
      defaultSrc: [`'self'`],
      scriptSrc: [`'self'`, '@nonce'],
      styleSrc: [`'self'`, `'unsafe-inline'`],
      // Connected accounts' avatars are shown from the network's own https address (with no
      // referrer), as every network serves them; without `https:` each one was a CSP error.
      imgSrc: [`'self'`, 'data:', 'blob:', 'https:'],
      // FullCalendar embeds its icon font (chevrons, close) as a data: URL in its stylesheet.
      fontSrc: [`'self'`, 'data:'],
      connectSrc: [`'self'`],
      frameAncestors: [`'none'`],
      formAction: [`'self'`],
      objectSrc: [`'none'`],
      baseUri: [`'self'`],
    },
    reportOnly: false,
  },
  // The bearer-token API needs no exception: it never passes shield (#middleware/browser_only).
  csrf: {
    enabled: true,
    enableXsrfCookie: true,
    methods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  },
  xFrame: { enabled: true, action: 'DENY' },
  hsts: { enabled: true, maxAge: '180 days' },
  contentTypeSniffing: { enabled: true },
})

export default shieldConfig
