import router from '@adonisjs/core/services/router'

router.get('/', async ({ inertia }) => inertia.render('home', {})).as('home')
