import type { Data } from '@generated/data'
/* Shapes from app/transformers/library_transformer.ts and app/services/library/library_page.ts. */
export type LibraryKind = 'template' | 'snippet' | 'hashtag_group' | 'variable'

export const LIBRARY_KINDS: LibraryKind[] = ['template', 'snippet', 'hashtag_group', 'variable']

export type LibraryMedia = { mediaAssetId: number; altText: string | null }

export type LibraryItemRow = Data.Library

export type LibraryFields = {
  kind: LibraryKind
  name: string
  body: string
  networkVariants: Record<string, string>
  media: LibraryMedia[]
  autoNetworks: string[]
  autoAccountIds: number[]
}

export type LibraryAccount = { id: number; network: string; handle: string }
export type LibraryMediaChoice = { id: number; name: string; kind: 'image' | 'video' }
export type LibraryNetwork = { id: string; displayName: string; icon: string; brandColor: string }

/** What the composer's pickers fetch (LibraryController.picker). */
export type LibraryPickerData = {
  items: LibraryItemRow[]
  hashtagLimits: Record<string, number>
  variables: Record<string, string | null>
}

export const blankFields = (kind: LibraryKind): LibraryFields => ({
  kind,
  name: '',
  body: '',
  networkVariants: {},
  media: [],
  autoNetworks: [],
  autoAccountIds: [],
})

export const fieldsOf = (item: LibraryItemRow): LibraryFields => ({
  kind: item.kind,
  name: item.name,
  body: item.body,
  networkVariants: { ...item.networkVariants },
  media: item.media.map((entry) => ({ ...entry })),
  autoNetworks: [...item.autoNetworks],
  autoAccountIds: [...item.autoAccountIds],
})

/** `{{name}}`, as written in a post (built in script: braces in a template would end its mustache). */
export const braced = (name: string) => `{${'{'}${name}}${'}'}`
