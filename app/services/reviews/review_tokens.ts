import { createHash, randomBytes } from 'node:crypto'
import { appUrl } from '#config/app'
import ReviewLink from '#models/review_link'

const TOKEN_PREFIX = 'rv_'
/** `rv_` + 43 base64url characters (256 random bits). */
const TOKEN_SHAPE = /^rv_[A-Za-z0-9_-]{43}$/

export function hashReviewToken(raw: string) {
  return createHash('sha256').update(raw, 'utf8').digest('hex')
}

/** A fresh token and its hash: the token goes into the link once, only the hash is stored. */
export function newReviewToken() {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`
  return { token, tokenHash: hashReviewToken(token) }
}

/** The link a token names, whatever its state (the caller answers 410 for a dead one), or null. */
export async function findReviewLink(token: string) {
  if (!TOKEN_SHAPE.test(token)) return null
  return ReviewLink.findBy('token_hash', hashReviewToken(token))
}

/** The public address of a link, relative to the app. */
export const reviewPath = (token: string) => `/review/${token}`

/** The absolute address to hand to a client (mails, the page that shows it once, the API). */
export const reviewUrl = (token: string) => `${appUrl.replace(/\/+$/, '')}${reviewPath(token)}`
