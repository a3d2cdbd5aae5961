/**
 * Loads the app's environment the way every process does (web, worker, ace) and prints a
 * fingerprint of the secret it ended up with (never the secret itself), or `none`.
 *   node --import=@poppinss/ts-exec _env_secret_probe.ts [APP_KEY|PG_PASSWORD]
 */
import { createHash } from 'node:crypto'

const name = process.argv[2] === 'PG_PASSWORD' ? 'PG_PASSWORD' : 'APP_KEY'
const { default: env } = await import('#start/env')
const secret = env.get(name)
console.log(secret ? createHash('sha256').update(secret.release()).digest('hex') : 'none')
