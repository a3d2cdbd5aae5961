import type { OptionField } from '#sdk'

/** Telegram posts have no per-post option here yet. */
export interface TelegramOptions {
  [name: string]: unknown
}

export const telegramOptionFields: OptionField[] = []
