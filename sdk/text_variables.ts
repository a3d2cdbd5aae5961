/**
 * `{{name}}` variables in a post's text, expanded once when a delivery's text is built for
 * the network and the same way in the composer's previews. Pure, so the publisher and the
 * browser share it. A name with no value is left as written (the composer flags it), so a
 * typo never silently disappears from a published post.
 */

/** Filled from the post, its account and its workspace; a workspace cannot redefine them. */
export const COMPUTED_VARIABLES = ['client', 'account', 'date'] as const

/**
 * Every workspace has these: the computed ones, and `link` (the client's address), whose value
 * the workspace sets in its library like a custom variable.
 */
export const BUILT_IN_VARIABLES = [...COMPUTED_VARIABLES, 'link'] as const

/** What a custom variable may be called (the part between the braces). */
export const VARIABLE_NAME = /^[a-z][a-z0-9_]{0,31}$/

const VARIABLE = /\{\{\s*([a-z][a-z0-9_]{0,31})\s*\}\}/g

export type VariableValues = Record<string, string | null | undefined>

/** Replaces every `{{name}}` that has a value; one left-to-right pass, so a value is never expanded again. */
export function expandVariables(text: string, values: VariableValues) {
  return text.replace(VARIABLE, (written, name: string) => {
    const value = values[name]
    return value === null || value === undefined ? written : value
  })
}

/** The names used in the text that have no value, in order of first use. */
export function unknownVariables(text: string, values: VariableValues) {
  const names = [...text.matchAll(VARIABLE)].map((match) => match[1])
  return [...new Set(names)].filter((name) => values[name] === null || values[name] === undefined)
}

/** Who a text is published as; `{{account}}` is their display name, else their handle. */
export type VariableAccount = { displayName: string; handle: string }

/**
 * One account's values: the workspace's (custom ones, `client`, `date`) plus its own name.
 * The publisher, the server's checks and the composer's previews all go through here, so
 * what is counted and shown is what is sent.
 */
export function accountVariables(
  workspace: VariableValues,
  account: VariableAccount | null
): VariableValues {
  return { ...workspace, account: account ? account.displayName || account.handle : null }
}
