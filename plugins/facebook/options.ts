import type { OptionField } from '#sdk'

export interface FacebookOptions {
  /** A URL shown as a link card (POST /{page}/feed `link`); text-only posts. */
  link?: string
  /** Title of an uploaded video (POST /{page}/videos `title`). */
  videoTitle?: string
}

export const facebookOptionFields: OptionField[] = [
  {
    name: 'link',
    kind: 'text',
    label: { en: 'Link preview URL', fr: 'URL de l’aperçu du lien' },
    required: false,
    maxLength: 2048,
  },
  {
    name: 'videoTitle',
    kind: 'text',
    label: { en: 'Video title', fr: 'Titre de la vidéo' },
    required: false,
    maxLength: 255,
  },
]
