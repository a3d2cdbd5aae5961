import { readFileSync } from 'node:fs'

/**
 * Request checks from Meta's SDK codegen files, kept in a fake's spec/ folder (not OpenAPI: nodes, edges, params and
 * types only): a fake answers Graph's "(#100)" error to a parameter the edge does not document,
 * to a missing required one, or to a value that is not of the documented type.
 */
export class CodegenParams {
  #apis: {
    method: string
    endpoint?: string
    params: { name: string; type: string; required?: boolean }[]
  }[]

  constructor(file: URL) {
    this.#apis = JSON.parse(readFileSync(file, 'utf8')).apis
  }

  /** Problems with `fields` sent to `method /{node}/{endpoint}`; `alsoAllowed` names documented file uploads. */
  check(
    method: string,
    endpoint: string | undefined,
    fields: Record<string, unknown>,
    alsoAllowed: string[] = []
  ): string[] {
    const api = this.#apis.find(
      (candidate) => candidate.method === method && candidate.endpoint === endpoint
    )
    if (!api) return [`(#100) Unsupported ${method} request on edge ${endpoint ?? '(node)'}`]
    const documented = new Map(api.params.map((param) => [param.name, param]))
    const problems: string[] = []
    for (const [key, value] of Object.entries(fields)) {
      const name = key.replace(/\[\d+\]$/, '')
      if (['access_token', 'appsecret_proof'].includes(name) || alsoAllowed.includes(name)) continue
      const param = documented.get(name)
      if (!param)
        problems.push(
          `(#100) Param ${name} is not a valid parameter of ${method} ${endpoint ?? 'node'}`
        )
      else if (!typeOk(param.type, String(value), name !== key))
        problems.push(`(#100) Param ${name} must be of type ${param.type}`)
    }
    for (const param of api.params) {
      if (
        param.required &&
        !Object.keys(fields).some((key) => key.replace(/\[\d+\]$/, '') === param.name)
      ) {
        problems.push(`(#100) The parameter ${param.name} is required`)
      }
    }
    return problems
  }
}

function typeOk(type: string, value: string, indexed: boolean): boolean {
  if (type === 'bool') return ['true', 'false', '0', '1'].includes(value)
  if (type === 'unsigned int') return /^\d+$/.test(value)
  if (type === 'int') return /^-?\d+$/.test(value)
  if (type.startsWith('list<')) {
    // Either `name[0]=item` (one element per key) or a JSON array / comma-separated list.
    const inner = type.slice(5, -1)
    if (indexed) return inner !== 'Object' || isJsonObject(value)
    if (value.startsWith('[')) return Array.isArray(safeJson(value))
    return inner === 'string' || inner === 'Object'
      ? true
      : value.split(',').every((item) => typeOk(inner, item, false))
  }
  if (type === 'Object' || type === 'map') return isJsonObject(value)
  return true
}

const safeJson = (value: string) => {
  try {
    return JSON.parse(value)
  } catch {
    return undefined
  }
}
const isJsonObject = (value: string) => {
  const parsed = safeJson(value)
  return !!parsed && typeof parsed === 'object' && !Array.isArray(parsed)
}
