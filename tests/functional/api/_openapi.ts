import { type Ajv } from 'ajv'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import { openApiDocument } from '#services/api/openapi'

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => void

interface Operation {
  template: string
  regex: RegExp
  names: string[]
  method: string
  operation: any
  pathItem: any
}

export interface ApiCall {
  method: 'get' | 'post' | 'put' | 'delete'
  path: string
  token?: string
  query?: Record<string, string | number>
  body?: unknown
  headers?: Record<string, string>
  file?: { field: string; bytes: Buffer; name: string }
}

/**
 * Every request the API tests make goes through `call`: the request (path, query,
 * headers, body) is checked against the OpenAPI document before it is sent, the response
 * (a documented status, a body matching its schema) after. Any mismatch throws, failing
 * the test — the document cannot drift from the routes.
 */
export class ApiContract {
  #ajv: Ajv
  #operations: Operation[] = []
  #compiled = new Map<string, ReturnType<Ajv['compile']>>()
  readonly calls: string[] = []

  constructor(readonly document: any = openApiDocument) {
    this.#ajv = new Ajv2020({ strict: false, allErrors: true }) as unknown as Ajv
    addFormats(this.#ajv)
    this.#ajv.addSchema({ ...JSON.parse(JSON.stringify(document)), $id: 'spec' })
    for (const [template, pathItem] of Object.entries<any>(document.paths)) {
      const names: string[] = []
      const pattern = template.replace(/\{(\w+)\}/g, (_, name) => (names.push(name), '([^/]+)'))
      for (const method of ['get', 'post', 'put', 'delete', 'patch']) {
        if (pathItem[method])
          this.#operations.push({
            template,
            regex: new RegExp(`^${pattern}$`),
            names,
            method,
            operation: pathItem[method],
            pathItem,
          })
      }
    }
  }

  #check(schema: unknown, value: unknown, where: string) {
    const key = JSON.stringify(schema ?? {})
    let validate = this.#compiled.get(key)
    if (!validate)
      this.#compiled.set(key, (validate = this.#ajv.compile(this.#rewrite(schema) as object)))
    if (!validate(value))
      throw new Error(
        `${where} does not match the OpenAPI document: ${this.#ajv.errorsText(validate.errors)}\n${JSON.stringify(value).slice(0, 500)}`
      )
  }

  /** Local `#/components/...` refs point into the registered document. */
  #rewrite(schema: unknown): unknown {
    return JSON.parse(
      JSON.stringify(schema ?? {}).replace(/"#\/components\//g, '"spec#/components/')
    )
  }

  #find(method: string, path: string) {
    const relative = path.replace(/^\/api\/v1/, '')
    for (const op of this.#operations) {
      const match = op.regex.exec(relative)
      if (match && op.method === method)
        return {
          op,
          params: Object.fromEntries(
            op.names.map((name, i) => [name, decodeURIComponent(match[i + 1])])
          ),
        }
    }
    throw new Error(`${method.toUpperCase()} ${path} is not in the OpenAPI document`)
  }

  #coerce(schema: any, value: string | number) {
    const type = schema?.type
    return (type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(String(value))
      ? Number(value)
      : value
  }

  validateRequest(call: ApiCall) {
    const { op, params } = this.#find(call.method, call.path)
    const declared = [...(op.pathItem.parameters ?? []), ...(op.operation.parameters ?? [])]
    for (const [name, value] of Object.entries(params)) {
      const param = declared.find((p: any) => p.in === 'path' && p.name === name)
      if (!param) throw new Error(`path parameter ${name} undocumented`)
      this.#check(param.schema, this.#coerce(param.schema, value), `path parameter ${name}`)
    }
    for (const [name, value] of Object.entries(call.query ?? {})) {
      const param = declared.find((p: any) => p.in === 'query' && p.name === name)
      if (!param) throw new Error(`query parameter ${name} of ${op.template} undocumented`)
      this.#check(param.schema, this.#coerce(param.schema, value), `query parameter ${name}`)
    }
    for (const [name, value] of Object.entries(call.headers ?? {})) {
      if (name.toLowerCase() === 'authorization') continue
      const param = declared.find(
        (p: any) => p.in === 'header' && p.name.toLowerCase() === name.toLowerCase()
      )
      if (!param) throw new Error(`header ${name} of ${op.template} undocumented`)
      this.#check(param.schema, value, `header ${name}`)
    }
    const body = op.operation.requestBody
    if (call.file) {
      if (!body?.content?.['multipart/form-data'])
        throw new Error(`${op.template} takes no multipart body`)
    } else if (call.body !== undefined) {
      const schema = body?.content?.['application/json']?.schema
      if (!schema) throw new Error(`${op.method} ${op.template} documents no JSON body`)
      this.#check(schema, call.body, `request body of ${op.method.toUpperCase()} ${op.template}`)
    } else if (body?.required) {
      throw new Error(`${op.method.toUpperCase()} ${op.template} requires a body`)
    }
    return op
  }

  validateResponse(op: Operation, status: number, body: unknown) {
    const documented = op.operation.responses[String(status)]
    if (!documented)
      throw new Error(
        `${op.method.toUpperCase()} ${op.template} answered ${status}, which is not documented`
      )
    const schema = documented.content?.['application/json']?.schema
    if (schema)
      this.#check(schema, body, `response ${status} of ${op.method.toUpperCase()} ${op.template}`)
    else if (body && Object.keys(body as object).length)
      throw new Error(`response ${status} of ${op.template} should have no body`)
  }

  /** Sends a checked request with the Japa client and checks its response. */
  async call(client: any, call: ApiCall) {
    const op = this.validateRequest(call)
    let request = client[call.method](call.path)
    if (call.token) request = request.header('Authorization', `Bearer ${call.token}`)
    for (const [name, value] of Object.entries(call.headers ?? {}))
      request = request.header(name, value)
    if (call.query) request = request.qs(call.query)
    if (call.file)
      request = request.file(call.file.field, call.file.bytes, { filename: call.file.name })
    else if (call.body !== undefined) request = request.json(call.body)
    const response = await request
    const status = response.status()
    const body = response.body()
    this.validateResponse(op, status, body)
    this.calls.push(`${call.method.toUpperCase()} ${op.template} → ${status}`)
    return { status, body, headers: response.headers() as Record<string, string> }
  }
}
