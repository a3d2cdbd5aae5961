import { conformance } from '#sdk/testing/conformance'
import mastodon from '../index.js'
import { FakeMastodon } from '../fake/server.js'

conformance({
  plugin: mastodon,
  startFake: () => FakeMastodon.start(),
  validOptions: { visibility: 'public' },
})
