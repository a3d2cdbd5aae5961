// ESLint for the server (AdonisJS app preset) and the Vue front end under resources/.
import { configApp, RULES_LIST } from '@adonisjs/eslint-config'
import { vue } from '@adonisjs/eslint-config/vue'

const ignoredPaths = [
  'build/**',
  'public/assets/**',
  '.adonisjs/**',
  '.tools/**',
  'data/**',
  'tmp/**',
  'node_modules/**',
]

/** The Vue preset targets inertia/ and resources/js/; this project's front end is all of resources/. */
const vueBlocks = vue.map((block) =>
  block.name === 'AdonisJS Vue app overrides'
    ? { ...block, files: ['resources/**/*.{ts,vue}'] }
    : block
)

const projectRules = {
  // `(await query).map(…)` is the idiom of Lucid and Drive code here; a temporary per await
  // would add lines without making anything clearer.
  '@unicorn/no-await-expression-member': 'off',
  // `_` names a binding that is deliberately unused (`for (const _ of graphemes)`).
  '@typescript-eslint/naming-convention': [
    'error',
    {
      selector: 'variable',
      format: ['camelCase', 'UPPER_CASE', 'PascalCase'],
      leadingUnderscore: 'allow',
    },
    ...RULES_LIST['@typescript-eslint/naming-convention'].slice(2),
  ],
}

/**
 * v-html is refused everywhere except where a network's mark is drawn: that SVG markup is the
 * plugin's own code, installed by the admin, never text a user or a network sent.
 */
const networkMarkFiles = [
  'resources/components/calendar/calendar_filters.vue',
  'resources/components/calendar/event_chip.vue',
  'resources/components/channels/network_badge.vue',
  'resources/components/posts/account_avatar.vue',
  'resources/components/posts/preview_panel.vue',
  'resources/components/posts/variant_panel.vue',
]

export default configApp(
  { name: 'Project ignores', ignores: ignoredPaths },
  ...vueBlocks,
  { name: 'Project rules', files: ['**/*.ts', 'resources/**/*.vue'], rules: projectRules },
  { name: 'No v-html', files: ['resources/**/*.vue'], rules: { 'vue/no-v-html': 'error' } },
  { name: 'Network marks', files: networkMarkFiles, rules: { 'vue/no-v-html': 'off' } }
)
