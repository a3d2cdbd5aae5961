/* The composer's follow-ups, as savePostValidator takes them (see the threads contract). */
export type PartKind = 'thread' | 'first_comment'
export type ComposerPart = {
  kind: PartKind
  text: string
  media: { mediaAssetId: number; altText: string | null }[]
}
