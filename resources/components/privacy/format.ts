/** "7 Dec 2026, 14:05" in the page's language (the privacy pages speak of the user's own events). */
export function formatDateTime(iso: string, locale: string) {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso)
  )
}
