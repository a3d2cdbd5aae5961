import ShieldMiddleware from '@adonisjs/shield/shield_middleware'
import { browserOnly } from '#middleware/browser_only'

/** Shield (CSRF and its XSRF cookie, CSP, frame, HSTS), for every route but the stateless ones. */
export default browserOnly(ShieldMiddleware)
