import type { Data } from '@generated/data'
/* Page props are `type` aliases, not interfaces: Inertia checks them against JSON types, which interfaces fail. */
/** Props of the Channels page (see app/transformers/channel_transformer.ts). */
export type Channel = Data.Channel

/** Words a plugin brings in both languages. */
export type LocalText = { en: string; fr: string }

export type NetworkChoice = Data.Network.Variants['forConnecting']
