/** Ace entry point: commands boot the app only when they ask for it (`startApp`). */
import { prettyPrintError } from '@adonisjs/core'
import { createIgnitor } from './ignite.js'

await createIgnitor()
  .ace()
  .handle(process.argv.splice(2))
  .catch((error) => {
    process.exitCode = 1
    prettyPrintError(error)
  })
