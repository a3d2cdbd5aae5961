import { readFileSync } from 'node:fs'
import { Ajv } from 'ajv'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => void

/** JSON-pointer escaping of one path segment (`/api/v1` → `~1api~1v1`). */
const escape = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1')

/**
 * Checks request bodies a fake receives against the network's published OpenAPI
 * document, so a plugin cannot drift from the real API while its fake stays happy.
 * OpenAPI-only keywords are tolerated (strict off); 3.1 documents use JSON Schema 2020-12.
 */
export class OpenApiValidator {
  #ajv: Ajv
  #cache = new Map<string, ReturnType<Ajv['compile']>>()

  /** `fixSpec` corrects known defects of a published document before use (say which, and why, at the call). */
  constructor(specPath: string, fixSpec: (spec: any) => void = () => {}) {
    const spec = JSON.parse(readFileSync(specPath, 'utf8'))
    fixSpec(spec)
    const is31 = String(spec.openapi ?? '').startsWith('3.1')
    this.#ajv = is31
      ? (new Ajv2020({ strict: false, allErrors: true, logger: false }) as unknown as Ajv)
      : new Ajv({ strict: false, allErrors: true, logger: false })
    addFormats(this.#ajv)
    this.#ajv.addSchema({ ...spec, $id: 'spec' })
  }

  /**
   * Compiles the request schemas a fake checks, when the fake is built rather than on its
   * first request: with a large spec, compiling on the first publish took 2 s, the kit's whole
   * client timeout. Returns the validator, to chain at the module level.
   */
  precompile(...routes: [method: string, path: string, contentType: string][]) {
    for (const [method, path, contentType] of routes) this.#validator(method, path, contentType)
    return this
  }

  #validator(method: string, path: string, contentType: string) {
    const pointer = `spec#/paths/${escape(path)}/${method.toLowerCase()}/requestBody/content/${escape(contentType)}/schema`
    let validate = this.#cache.get(pointer)
    if (!validate) {
      validate = this.#ajv.compile({ $ref: pointer })
      this.#cache.set(pointer, validate)
    }
    return validate
  }

  /** Returns a list of problems (empty when the body matches the documented request schema). */
  validateBody(method: string, path: string, contentType: string, body: unknown): string[] {
    const validate = this.#validator(method, path, contentType)
    if (validate(body)) return []
    return (validate.errors ?? []).map(
      (error) => `${error.instancePath || '(body)'} ${error.message}`
    )
  }
}
