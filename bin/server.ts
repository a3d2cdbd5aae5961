/** HTTP server entry point (`node bin/server.js` in a build, `node ace serve` in development). */
import { prettyPrintError } from '@adonisjs/core'
import { createIgnitor } from './ignite.js'

await createIgnitor()
  .httpServer()
  .start()
  .catch((error) => {
    process.exitCode = 1
    prettyPrintError(error)
  })
