import type { Page } from 'playwright'

/**
 * Checks a walk through the app makes on every page it sees: nothing written to the
 * console as an error, no uncaught exception, and no label cut off.
 */

/**
 * Tests serve the front end through Vite's dev middleware, whose HMR client opens a
 * websocket the CSP refuses; a production build has no such client.
 */
const fromVite = (text: string) => /ws:\/\/127\.0\.0\.1|\[vite\]|WebSocket/.test(text)

/**
 * Collects console errors and uncaught exceptions from now on. Two kinds are left out, each
 * by what it is rather than by its wording alone:
 * - Inertia's external redirects (to a network's OAuth page, after a language change) answer
 *   409 with an `X-Inertia-Location` header, by protocol; the browser logs each as an error.
 * - `avatarOrigin`: the network fake serves avatars over plain http from 127.0.0.1, which
 *   the CSP refuses (it allows https images, which is what networks serve).
 */
export function watchConsole(page: Page, options: { avatarOrigin?: string } = {}) {
  const errors: string[] = []
  let inertiaRedirects = 0
  page.on('response', (response) => {
    if (response.status() === 409 && response.headers()['x-inertia-location']) inertiaRedirects++
  })
  const fromFakeAvatar = (text: string) =>
    options.avatarOrigin !== undefined &&
    text.includes(`'${options.avatarOrigin}/avatars/`) &&
    text.includes('Content Security Policy')
  page.on('console', (message) => {
    const text = message.text()
    if (message.type() !== 'error' || fromVite(text) || fromFakeAvatar(text)) return
    if (/status of 409/.test(text) && inertiaRedirects > 0) {
      inertiaRedirects--
      return
    }
    errors.push(text)
  })
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`))
  return errors
}

/**
 * Labels, buttons, links, headings, tabs and table headers whose text is wider than their
 * box (cut off or ellipsed). What is cut on purpose says so: it carries its full text in a
 * `title` (a long post text in a list, a handle in a chip) or sits in an element that does.
 * Labels only screen readers get (`sr-only`) are 1 px wide on purpose.
 * Runs in the page, given as a string (the tests are type-checked without the DOM).
 */
export async function truncatedTexts(page: Page): Promise<string[]> {
  return page.evaluate(`(() => {
    const selector = 'label, button, a, h1, h2, h3, th, [role="tab"], legend, .label, .btn-primary, .btn-secondary'
    const cut = []
    for (const element of document.querySelectorAll(selector)) {
      // Hidden, visually hidden for screen readers (sr-only is 1 px by design), or cut on purpose.
      if (!element.offsetParent || element.closest('[title], .sr-only, .fc-event, [data-truncate-ok]')) continue
      const text = element.innerText.trim()
      if (!text) continue
      const style = getComputedStyle(element)
      const wide = element.scrollWidth > element.clientWidth + 1
      const tall = style.overflowY !== 'visible' && element.scrollHeight > element.clientHeight + 1
      if (wide || tall) cut.push(element.tagName.toLowerCase() + ': ' + text.slice(0, 60))
    }
    return cut
  })()`)
}

/** Images shown as the browser's broken-image icon (loaded, with no pixels). */
export async function brokenImages(page: Page): Promise<string[]> {
  return page.evaluate(`(() => [...document.images]
    .filter((image) => image.offsetParent && image.complete && image.naturalWidth === 0)
    .map((image) => image.currentSrc || image.src))()`)
}
