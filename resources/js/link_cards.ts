/** A card as the server's link-card routes answer it (app/services/link_cards/link_card.ts). */
export type LinkCardData = {
  url: string
  domain: string
  title: string
  description: string | null
  imageUrl: string | null
}

/** Where a page asks for a link's card: the composer's route or the review link's own. */
export type LinkCardSource = (url: string) => string

/**
 * One request per address and page view: the previews of several networks show the same
 * link, and typing back a link already asked for costs nothing. A failure is remembered as
 * "no card" (the post reads the same without one).
 */
const asked = new Map<string, Promise<LinkCardData | null>>()

export function fetchLinkCard(endpoint: string): Promise<LinkCardData | null> {
  let pending = asked.get(endpoint)
  if (!pending) {
    pending = fetch(endpoint, {
      headers: { accept: 'application/json' },
      credentials: 'same-origin',
    })
      .then((response) => (response.ok ? response.json() : { card: null }))
      .then((body: { card: LinkCardData | null }) => body.card ?? null)
      .catch(() => null)
    asked.set(endpoint, pending)
  }
  return pending
}
