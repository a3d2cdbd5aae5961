import type { OptionField } from '#sdk'

export interface FacebookOptions {
  /** A URL shown as a link card (POST /{page}/feed `link`); text-only posts. */
  link?: string
  /** Title of an uploaded video (POST /{page}/videos `title`). */
  videoTitle?: string
}

export const facebookOptionFields: OptionField[] = [
  { name: 'link', kind: 'text', label: 'Link preview URL', required: false, maxLength: 2048 },
  { name: 'videoTitle', kind: 'text', label: 'Video title', required: false, maxLength: 255 },
]
