import type { OptionField } from '#sdk'

/** Discord webhook posts have no per-post option here yet. */
export interface DiscordOptions {
  [name: string]: unknown
}

export const discordOptionFields: OptionField[] = []
