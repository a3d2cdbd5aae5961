import type { OptionField, PostDraft, PostIssue } from '#sdk'

export interface PinterestOptions {
  /** Board id (digits). Its choices are the account's boards: see `listBoards`. */
  board?: string
  boardSection?: string
  title?: string
  link?: string
}

/**
 * `board` is required and account-specific. The SDK's `select` checks values against static
 * choices, and a board list cannot be static, so it is a required text field holding the
 * board id; the composer should fill it from `listBoards` (see index.ts).
 */
export const pinterestOptionFields: OptionField[] = [
  { name: 'board', kind: 'text', label: 'Board', required: true },
  { name: 'boardSection', kind: 'text', label: 'Board section', required: false },
  { name: 'title', kind: 'text', label: 'Title', required: false, maxLength: 100 },
  { name: 'link', kind: 'text', label: 'Destination link', required: false, maxLength: 2048 },
]

const DIGITS = /^\d+$/

/** What the generic checks cannot see: ids are digits, the link is an http(s) URL. */
export function validatePin(post: PostDraft<PinterestOptions>): PostIssue[] {
  const options = post.options ?? {}
  const issues: PostIssue[] = []
  if (options.board && !DIGITS.test(options.board)) issues.push({ code: 'option_invalid', params: { option: 'board' } })
  if (options.boardSection && !DIGITS.test(options.boardSection)) issues.push({ code: 'option_invalid', params: { option: 'boardSection' } })
  if (options.link && !/^https?:\/\/\S+$/i.test(options.link)) issues.push({ code: 'option_invalid', params: { option: 'link' } })
  return issues
}
