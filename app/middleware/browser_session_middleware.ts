import SessionMiddleware from '@adonisjs/session/session_middleware'
import { browserOnly } from '#middleware/browser_only'

/** The session, for every route but the stateless ones (API, /health). */
export default browserOnly(SessionMiddleware)
