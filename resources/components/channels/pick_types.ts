/* Page props are `type` aliases, not interfaces: Inertia checks them against JSON types, which interfaces fail. */
/** Props of the account picker (see app/transformers/pick_transformer.ts). No token ever reaches the page. */
export type PickNetwork = {
  id: string
  displayName: string
  icon: string
  brandColor: string
}

export type PickCandidate = {
  externalId: string
  displayName: string
  handle: string
  avatarUrl: string | null
  profileUrl: string | null
  alreadyConnected: boolean
}
