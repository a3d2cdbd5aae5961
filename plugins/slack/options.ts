import type { OptionField } from '#sdk'

/** A Slack message has no per-post option here: the channel is the connected account. */
export interface SlackOptions {
  [name: string]: unknown
}

export const slackOptionFields: OptionField[] = []
