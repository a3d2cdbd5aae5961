/**
 * Automatic signatures: a library snippet set to be added to every post of some accounts or
 * networks. One rule for every way a post comes in — the composer when an account is picked,
 * the CSV import per row, and every other new post (API, MCP, feeds, evergreen, series) in
 * createPost — so the same account signs the same way.
 */

/** A snippet as the rule needs it (the library row's fields). */
export interface SignatureSnippet {
  body: string
  autoNetworks: string[]
  autoAccountIds: number[]
}

/** The snippets that sign this account's posts: named for the account itself, or for its network. */
export function signaturesFor<S extends SignatureSnippet>(
  snippets: S[],
  account: { id: number; network: string }
): S[] {
  return snippets.filter(
    (snippet) =>
      snippet.autoAccountIds.includes(account.id) || snippet.autoNetworks.includes(account.network)
  )
}

/**
 * The text with each signature appended on a new paragraph, once: a text that already holds a
 * signature (pasted, or added before) does not get it twice.
 */
export function signText(text: string, signatures: SignatureSnippet[]) {
  let signed = text
  for (const { body } of signatures)
    if (!signed.includes(body)) signed = `${signed.replace(/\s+$/, '')}\n\n${body}`
  return signed
}
