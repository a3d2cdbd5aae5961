import type { PostIssue } from './validation.js'

/**
 * A per-post network option (privacy, board, subreddit, title…), described as data so
 * the app can build both its VineJS validator and the composer's form from it.
 */
export type OptionField =
  | { name: string; kind: 'select'; label: string; choices: { value: string; label: string }[]; required: boolean; default?: string }
  | { name: string; kind: 'text'; label: string; required: boolean; maxLength?: number; default?: string }
  | { name: string; kind: 'boolean'; label: string; required: false; default?: boolean }

/** Required-ness, choices and lengths of options, checked before any request. */
export function validateOptions(fields: OptionField[], options: Record<string, unknown>): PostIssue[] {
  const issues: PostIssue[] = []
  for (const field of fields) {
    const value = options[field.name]
    const empty = value === undefined || value === null || value === ''
    if (empty) {
      if (field.required) issues.push({ code: 'option_required', params: { option: field.name } })
      continue
    }
    if (field.kind === 'select' && !field.choices.some((choice) => choice.value === value)) {
      issues.push({ code: 'option_invalid', params: { option: field.name } })
    }
    if (field.kind === 'text' && (typeof value !== 'string' || (field.maxLength && value.length > field.maxLength))) {
      issues.push({ code: 'option_invalid', params: { option: field.name } })
    }
    if (field.kind === 'boolean' && typeof value !== 'boolean') {
      issues.push({ code: 'option_invalid', params: { option: field.name } })
    }
  }
  return issues
}

/** Options with each field's default filled in where the user gave nothing. */
export function withDefaults(fields: OptionField[], options: Record<string, unknown>) {
  const filled: Record<string, unknown> = { ...options }
  for (const field of fields) {
    if ((filled[field.name] === undefined || filled[field.name] === '') && field.default !== undefined) filled[field.name] = field.default
  }
  return filled
}
