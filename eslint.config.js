// ESLint for the server (AdonisJS app preset) and the Vue front end under resources/.
import { configApp } from '@adonisjs/eslint-config'
import { vue } from '@adonisjs/eslint-config/frameworks/vue'

const ignoredPaths = [
  'build/**',
  'public/assets/**',
  '.adonisjs/**',
  '.tools/**',
  'data/**',
  'tmp/**',
  'node_modules/**',
]

export default configApp(
  { name: 'Project ignores', ignores: ignoredPaths },
  ...vue.map((block) => ({
    ...block,
    files: block.files ?? ['resources/**/*.{ts,vue}'],
  })),
  {
    name: 'Vue front end under resources/',
    files: ['resources/**/*.{ts,vue}'],
    languageOptions: vue.at(-1).languageOptions,
    rules: vue.at(-1).rules,
  }
)
