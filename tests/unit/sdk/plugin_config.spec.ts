import { test } from '@japa/runner'
import { readPluginConfig, type PluginConfigVar } from '#sdk'

const VARS: PluginConfigVar[] = [
  { env: 'DEMO_API_URL', setting: 'urls.api', kind: 'url', description: 'API base' },
  { env: 'DEMO_CLIENT_ID', setting: 'clientId', kind: 'string', required: true, description: 'id' },
  { env: 'DEMO_RETRIES', setting: 'retries', kind: 'number', description: 'retries' },
]

test.group('SDK v2: a plugin declares its own environment variables', () => {
  test('values land in the settings where declared; required ones not set are reported', ({
    assert,
  }) => {
    const state = readPluginConfig(VARS, {
      DEMO_API_URL: 'https://api.demo.test/v2/',
      DEMO_RETRIES: '3',
    })
    assert.deepEqual(state.settings, { urls: { api: 'https://api.demo.test/v2' }, retries: 3 })
    assert.deepEqual(state.missing, ['DEMO_CLIENT_ID'])
    assert.deepEqual(state.problems, [])
  })

  test('a value of the wrong kind is a problem, never a setting', ({ assert }) => {
    const state = readPluginConfig(VARS, {
      DEMO_API_URL: 'javascript:alert(1)',
      DEMO_CLIENT_ID: 'abc',
      DEMO_RETRIES: 'many',
    })
    assert.deepEqual(state.problems, [
      'DEMO_API_URL must be an http(s) URL',
      'DEMO_RETRIES must be a number',
    ])
    assert.deepEqual(state.settings, { urls: {}, clientId: 'abc' })
  })
})
