/**
 * Loads the app's environment the way every process does (web, worker, ace) and prints a
 * fingerprint of the APP_KEY it ended up with (never the key itself).
 */
import { createHash } from 'node:crypto'

const { default: env } = await import('#start/env')
console.log(createHash('sha256').update(env.get('APP_KEY').release()).digest('hex'))
