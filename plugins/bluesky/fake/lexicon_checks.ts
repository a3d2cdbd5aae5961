import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { jsonToLex, Lexicons, type LexiconDoc } from '@atproto/lexicon'

/** Every lexicon document copied into ./lexicons (see lexicons/SOURCE.md). */
function loadDocs(dir: string): LexiconDoc[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return loadDocs(path)
    return entry.name.endsWith('.json')
      ? [JSON.parse(readFileSync(path, 'utf8')) as LexiconDoc]
      : []
  })
}

export const lexicons = new Lexicons(
  loadDocs(fileURLToPath(new URL('./lexicons', import.meta.url)))
)

/** A problem message, or null when the value is valid. */
function attempt(check: () => unknown): string | null {
  try {
    check()
    return null
  } catch (error) {
    return (error as Error).message
  }
}

/** Query parameters typed as the lexicon says (arrays repeat the key, integers are numbers). */
export function paramsCheck(nsid: string, query: URLSearchParams): string | null {
  const def = lexicons.getDefOrThrow(nsid, ['query', 'procedure'])
  const params: Record<string, unknown> = {}
  for (const [name, prop] of Object.entries(def.parameters?.properties ?? {})) {
    if (!query.has(name)) continue
    if (prop.type === 'array') params[name] = query.getAll(name)
    else if (prop.type === 'integer') params[name] = Number(query.get(name))
    else if (prop.type === 'boolean') params[name] = query.get(name) === 'true'
    else params[name] = query.get(name)
  }
  return attempt(() => lexicons.assertValidXrpcParams(nsid, params))
}

export function inputCheck(nsid: string, body: unknown): string | null {
  return attempt(() => lexicons.assertValidXrpcInput(nsid, jsonToLex(body as never)))
}

export function recordCheck(collection: string, record: unknown): string | null {
  return attempt(() => lexicons.assertValidRecord(collection, jsonToLex(record as never)))
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567'

/** A CIDv1 (base32, sha2-256) of some bytes: 0x55 = raw (blobs), 0x71 = dag-cbor (records). */
export function cidOf(bytes: Uint8Array, codec: 0x55 | 0x71) {
  const digest = createHash('sha256').update(bytes).digest()
  const raw = Uint8Array.from([0x01, codec, 0x12, 0x20, ...digest])
  let out = 'b'
  let buffer = 0
  let bits = 0
  for (const byte of raw) {
    buffer = ((buffer << 8) | byte) & 0x1fff // at most 12 live bits
    bits += 8
    while (bits >= 5) {
      out += BASE32[(buffer >> (bits - 5)) & 31]
      bits -= 5
    }
  }
  return bits > 0 ? out + BASE32[(buffer << (5 - bits)) & 31] : out
}
