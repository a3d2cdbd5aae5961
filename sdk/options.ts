import { failed, type Failed } from './results.js'
import type { PostIssue } from './validation.js'
import type { LocalText } from './contract.js'

/**
 * The words of an option's label: plain text (one language, or a network's own words such as
 * an account's board names), or SDK v2's `{ en, fr }`, so the composer speaks the user's
 * language without an entry in the app's catalogue — as the connect form's fields do.
 */
export type OptionLabel = string | LocalText

/** One entry of a select: the value stored with the post and the label the composer shows. */
export interface OptionChoice {
  value: string
  label: OptionLabel
}

/** A label in the user's language (`fr…` → French, anything else → English). */
export function localText(label: OptionLabel, locale: string) {
  if (typeof label === 'string') return label
  return locale.startsWith('fr') ? label.fr : label.en
}

/**
 * A per-post network option (privacy, board, subreddit, title…), described as data so
 * the app can build both its VineJS validator and the composer's form from it.
 *
 * A select with `source: 'account'` has choices that only the network knows for one
 * account (Pinterest boards, TikTok privacy levels, a subreddit's flairs): its static
 * `choices` stay empty and the plugin's `optionChoices` hook lists them on demand.
 * `dependsOn` names the other options those choices depend on (a board's sections
 * depend on `board`): the composer asks again when one of them changes.
 */
export type OptionField =
  | {
      name: string
      kind: 'select'
      label: OptionLabel
      choices: OptionChoice[]
      required: boolean
      default?: string
      source?: 'static' | 'account'
      dependsOn?: string[]
    }
  | {
      name: string
      kind: 'text'
      label: OptionLabel
      required: boolean
      maxLength?: number
      default?: string
    }
  | { name: string; kind: 'boolean'; label: OptionLabel; required: false; default?: boolean }

export type AccountSourcedField = Extract<OptionField, { kind: 'select' }> & { source: 'account' }

/** Whether the field's choices come from the account (through `optionChoices`) rather than from the field. */
export function isAccountSourced(field: OptionField): field is AccountSourcedField {
  return field.kind === 'select' && field.source === 'account'
}

/** What `optionChoices` answers for a field it does not source: a bug of the caller, never retried. */
export function noChoicesFor(field: string): Failed {
  return failed(
    `The option "${field}" has no account-sourced choices`,
    false,
    'unknown_option_field'
  )
}

/**
 * Longest value accepted for an account-sourced select. Its choices are not known here, so
 * only the shape is checked; the plugin's `validate` and the network have the last word.
 */
const ACCOUNT_VALUE_MAX = 256

/** Required-ness, choices and lengths of options, checked before any request. */
export function validateOptions(
  fields: OptionField[],
  options: Record<string, unknown>
): PostIssue[] {
  const issues: PostIssue[] = []
  for (const field of fields) {
    const value = options[field.name]
    const empty = value === undefined || value === null || value === ''
    if (empty) {
      if (field.required) issues.push({ code: 'option_required', params: { option: field.name } })
      continue
    }
    if (isAccountSourced(field)) {
      if (typeof value !== 'string' || value.length > ACCOUNT_VALUE_MAX)
        issues.push({ code: 'option_invalid', params: { option: field.name } })
      continue
    }
    if (field.kind === 'select' && !field.choices.some((choice) => choice.value === value)) {
      issues.push({ code: 'option_invalid', params: { option: field.name } })
    }
    if (
      field.kind === 'text' &&
      (typeof value !== 'string' || (field.maxLength && value.length > field.maxLength))
    ) {
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
    if (
      (filled[field.name] === undefined || filled[field.name] === '') &&
      field.default !== undefined
    )
      filled[field.name] = field.default
  }
  return filled
}
