/**
 * Console processes (ace commands, the queue worker) build URLs from named routes: signed
 * media links for the networks that fetch media themselves, the export-ready mail's download
 * link. The HTTP server commits the router when it boots; nothing does in a console process,
 * where every lookup then failed with "Cannot lookup route". Committing is idempotent and
 * only turns the declared routes into a lookup table.
 */
import router from '@adonisjs/core/services/router'
// Preloads are imported concurrently: only this import guarantees every route is declared
// before the commit.
import '#start/routes'

router.commit()
