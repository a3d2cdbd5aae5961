import { Exception } from '@adonisjs/core/exceptions'

/** A resource that does not exist or that the user may not know exists: always 404. */
export default class NotFoundException extends Exception {
  static status = 404
  static code = 'E_NOT_FOUND'
  static message = 'Not found'
}
