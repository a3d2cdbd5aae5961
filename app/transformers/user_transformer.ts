import { BaseTransformer } from '@adonisjs/core/transformers'
import type User from '#models/user'

/** What the browser may know about the signed-in user: never the password hash. */
export default class UserTransformer extends BaseTransformer<User> {
  toObject() {
    const user = this.resource
    return {
      id: user.id,
      fullName: user.fullName,
      email: user.email,
      initials: user.initials,
      locale: user.locale,
      timezone: user.timezone,
      /** Shows the System entry; the routes check it again on every request. */
      isInstanceAdmin: user.isInstanceAdmin === true,
    }
  }
}
