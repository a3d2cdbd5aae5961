import { Exception } from '@adonisjs/core/exceptions'
import type { HttpContext } from '@adonisjs/core/http'
import { errors as vineErrors } from '@vinejs/vine'
import { errors as bouncerErrors } from '@adonisjs/bouncer'
import { errors as limiterErrors } from '@adonisjs/limiter'
import NotFoundException from '#exceptions/not_found_exception'

/** Stable, documented codes of the API's error responses (see openapi.ts, `Error`). */
export type ApiErrorCode =
  | 'bad_request'
  | 'unauthenticated'
  | 'forbidden'
  | 'insufficient_scope'
  | 'insufficient_role'
  | 'not_found'
  | 'conflict'
  | 'idempotency_key_reused'
  | 'idempotency_key_in_progress'
  | 'validation_failed'
  | 'invalid_post'
  | 'media_rejected'
  | 'rate_limited'
  | 'internal_error'

/** The one error shape of /api/v1: `{ error: { code, message, details? } }`. */
export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string; details?: unknown }
}

/** An expected refusal of an API request; the middleware turns it into the error shape. */
export class ApiError extends Exception {
  constructor(
    readonly httpStatus: number,
    readonly errorCode: ApiErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {}
  ) {
    super(message, { status: httpStatus })
  }

  /** Rendered by the exception handler as the documented error, wherever it is thrown. */
  async handle(_error: this, ctx: HttpContext) {
    sendApiError(ctx, this)
  }

  body(): ApiErrorBody {
    return {
      error: {
        code: this.errorCode,
        message: this.message,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    }
  }
}

/** Runs a VineJS validation; a refusal is the documented 422 (never the session redirect of the pages). */
export async function validated<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    if (error instanceof vineErrors.E_VALIDATION_ERROR)
      throw new ApiError(
        422,
        'validation_failed',
        'The request body or query is invalid',
        error.messages
      )
    throw error
  }
}

export const notFound = (what = 'Resource') => new ApiError(404, 'not_found', `${what} not found`)

/**
 * Any error thrown while serving an API request, as the documented error shape: our own
 * refusals, validation errors (422 with the field messages), Bouncer (403), the
 * workspace-scoped 404s, and the rate limiter (429 with Retry-After). Anything else is a
 * bug: logged, and answered 500 without its message.
 */
export function toApiError(error: unknown, ctx: HttpContext): ApiError {
  if (error instanceof ApiError) return error
  if (error instanceof vineErrors.E_VALIDATION_ERROR) {
    return new ApiError(
      422,
      'validation_failed',
      'The request body or query is invalid',
      error.messages
    )
  }
  if (error instanceof bouncerErrors.E_AUTHORIZATION_FAILURE)
    return new ApiError(403, 'forbidden', 'This token may not do that')
  if (error instanceof NotFoundException) return notFound()
  if (error instanceof limiterErrors.E_TOO_MANY_REQUESTS) {
    const seconds = Math.max(1, Math.ceil(error.response.availableIn))
    return new ApiError(
      429,
      'rate_limited',
      `Too many requests for this token; retry in ${seconds} s`,
      { retryAfterSeconds: seconds },
      {
        'Retry-After': String(seconds),
        'X-RateLimit-Limit': String(error.response.limit),
        'X-RateLimit-Remaining': '0',
      }
    )
  }
  const status = (error as { status?: number })?.status
  if (status === 400 || status === 413 || status === 415) {
    return new ApiError(400, 'bad_request', (error as Error).message || 'Malformed request')
  }
  ctx.logger.error({ err: error }, 'API request failed')
  return new ApiError(500, 'internal_error', 'Something went wrong on our side')
}

export function sendApiError(ctx: HttpContext, error: ApiError) {
  for (const [name, value] of Object.entries(error.headers)) ctx.response.header(name, value)
  return ctx.response.status(error.httpStatus).json(error.body())
}

const CODE_BY_STATUS: Record<number, ApiErrorCode> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  422: 'validation_failed',
  429: 'rate_limited',
}

/**
 * Errors a route handler throws are rendered by the app's exception handler before the
 * middleware regains control; this rewrites whatever it rendered for an API request
 * (VineJS's `{ errors }`, an HTML status page) into the one documented shape.
 */
export function normalizeErrorResponse(ctx: HttpContext) {
  const status = ctx.response.getStatus()
  if (status < 400) return
  const body = ctx.response.getBody() as { error?: { code?: string }; errors?: unknown } | undefined
  if (body && typeof body === 'object' && body.error?.code) return
  const code = CODE_BY_STATUS[status] ?? (status >= 500 ? 'internal_error' : 'bad_request')
  const details =
    status === 422 && body && typeof body === 'object' && 'errors' in body ? body.errors : undefined
  const message =
    code === 'validation_failed'
      ? 'The request body or query is invalid'
      : code === 'internal_error'
        ? 'Something went wrong on our side'
        : `Request refused (${status})`
  ctx.response
    .status(status >= 500 ? 500 : status)
    .json({ error: { code, message, ...(details === undefined ? {} : { details }) } })
}
