/**
 * Routes, grouped by area. Each area's routes live in start/routes/<area>.ts so
 * this file stays an index.
 */
import router from '@adonisjs/core/services/router'

router.get('/', async ({ inertia }) => inertia.render('home', {})).as('home')
