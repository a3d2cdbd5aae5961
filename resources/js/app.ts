import '../css/app.css'
import { createApp, h, type DefineComponent } from 'vue'
import { createInertiaApp, router } from '@inertiajs/vue3'
import { resolvePageComponent } from '@adonisjs/inertia/helpers'
import { createI18nFor, setLocale } from './i18n'
import { followClock } from './clock'
import type { SharedProps } from './types'
import AppLayout from '../layouts/app_layout.vue'

createInertiaApp({
  title: (title) => (title ? `${title} · Pistache Postiz` : 'Pistache Postiz'),
  resolve: async (name) => {
    const page = await resolvePageComponent(
      `../pages/${name}.vue`,
      import.meta.glob<DefineComponent>('../pages/**/*.vue')
    )
    // Pages choose their layout with `defineOptions({ layout })`; the dashboard shell is the default.
    if (page.default.layout === undefined) page.default.layout = AppLayout
    return page
  },
  setup({ el, App, props, plugin }) {
    const locale = (props.initialPage.props.locale as string) ?? 'en'
    const i18n = createI18nFor(locale)
    // The locale is a page prop: follow it on every visit, including a redirect back to the same URL.
    // So is the workspace's clock (week start, 12/24 h).
    const follow = (page: { props: Record<string, unknown> }) => {
      setLocale(i18n, (page.props.locale as string) ?? 'en')
      followClock(page.props as SharedProps)
    }
    follow(props.initialPage)
    router.on('navigate', (event) => follow(event.detail.page))
    router.on('success', (event) => follow(event.detail.page))
    // Inertia's mount point: the root is a render function by design, every page is <script setup>.
    // eslint-disable-next-line vue/component-api-style
    createApp({ render: () => h(App, props) })
      .use(plugin)
      .use(i18n)
      .mount(el)
  },
  progress: { color: '#65a30d' },
})
