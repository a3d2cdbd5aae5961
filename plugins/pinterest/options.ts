import type { OptionField, PostDraft, PostIssue } from '#sdk'

export interface PinterestOptions {
  /** Board id (digits), one of the account's boards (`listBoards`). */
  board?: string
  boardSection?: string
  title?: string
  link?: string
}

/** `board` and `boardSection` list the account's boards and the chosen board's sections (boards.ts). */
export const pinterestOptionFields: OptionField[] = [
  {
    name: 'board',
    kind: 'select',
    label: { en: 'Board', fr: 'Tableau' },
    required: true,
    choices: [],
    source: 'account',
  },
  {
    name: 'boardSection',
    kind: 'select',
    label: { en: 'Board section', fr: 'Section du tableau' },
    required: false,
    choices: [],
    source: 'account',
    dependsOn: ['board'],
  },
  {
    name: 'title',
    kind: 'text',
    label: { en: 'Title', fr: 'Titre' },
    required: false,
    maxLength: 100,
  },
  {
    name: 'link',
    kind: 'text',
    label: { en: 'Destination link', fr: 'Lien de destination' },
    required: false,
    maxLength: 2048,
  },
]

export const DIGITS = /^\d+$/

/** What the generic checks cannot see: ids are digits, the link is an http(s) URL. */
export function validatePin(post: PostDraft<PinterestOptions>): PostIssue[] {
  const options = post.options ?? {}
  const issues: PostIssue[] = []
  if (options.board && !DIGITS.test(options.board))
    issues.push({ code: 'option_invalid', params: { option: 'board' } })
  if (options.boardSection && !DIGITS.test(options.boardSection))
    issues.push({ code: 'option_invalid', params: { option: 'boardSection' } })
  if (options.link && !/^https?:\/\/\S+$/i.test(options.link))
    issues.push({ code: 'option_invalid', params: { option: 'link' } })
  return issues
}
