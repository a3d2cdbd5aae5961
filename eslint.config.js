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

/**
 * The layers, from the outside in: controllers, commands and jobs call actions (one use case
 * each); actions use services (capabilities that know no use case) and models; validators live
 * in app/validators; the SDK knows nothing of the app, and plugins know only the SDK. An import
 * against that direction fails. Type-only imports are allowed: they name a shape, not a dependency.
 */
const VALIDATORS_ONLY = {
  name: '@vinejs/vine',
  importNames: ['default'],
  message: 'Validators live in app/validators; import them from #validators/….',
}

const layer = (files, groups, message, extraPaths = [VALIDATORS_ONLY]) => ({
  name: `Layering: ${files.join(', ')}`,
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: extraPaths,
        // A regex, not a `group`: gitignore-style groups read a leading `#` as a comment.
        patterns: groups.length
          ? [{ regex: `^#(${groups.join('|')})(/|$)`, message, allowTypeImports: true }]
          : [],
      },
    ],
  },
})

const NO_USE_CASES =
  'Services, models and validators know no use case: move the caller into an action.'

// Later blocks win for the files they match, so the general one comes first.
const layering = [
  layer(['app/**/*.ts', 'commands/**/*.ts', 'start/**/*.ts'], [], ''),
  layer(
    ['app/actions/**/*.ts'],
    ['controllers', 'jobs'],
    'Actions never call controllers; they enqueue a job by its spec (#queue/job_specs).'
  ),
  layer(
    ['app/services/**/*.ts'],
    ['actions', 'controllers', 'jobs'],
    `${NO_USE_CASES} Enqueue a job by its spec (#queue/job_specs), not its class.`
  ),
  layer(
    ['app/models/**/*.ts'],
    ['actions', 'controllers', 'services'],
    'Models hold data and relations; logic goes to a service.'
  ),
  layer(['app/validators/**/*.ts'], ['actions', 'controllers'], NO_USE_CASES, []),
  layer(
    ['sdk/**/*.ts'],
    ['[a-z_]+'],
    'The SDK is what plugins see: it imports nothing from the app.',
    []
  ),
  layer(
    ['plugins/**/*.ts'],
    ['services', 'actions', 'models', 'controllers', 'config', 'start', 'jobs'],
    'A plugin talks to the app only through the SDK (#sdk).',
    []
  ),
]

export default configApp(
  { name: 'Project ignores', ignores: ignoredPaths },
  ...vueBlocks,
  { name: 'Project rules', files: ['**/*.ts', 'resources/**/*.vue'], rules: projectRules },
  { name: 'No v-html', files: ['resources/**/*.vue'], rules: { 'vue/no-v-html': 'error' } },
  { name: 'Network marks', files: networkMarkFiles, rules: { 'vue/no-v-html': 'off' } },
  ...layering
)
