import type { Data } from '@generated/data'
/* Page props are `type` aliases, not interfaces: Inertia checks them against JSON types, which interfaces fail. */
/** Props of the account picker (see app/transformers/pick_transformer.ts). No token ever reaches the page. */
export type PickNetwork = Data.Network

export type PickCandidate = Data.Pick
