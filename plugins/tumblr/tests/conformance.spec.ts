import { conformance } from '#sdk/testing/conformance'
import tumblr from '../index.js'
import { FakeTumblr } from '../fake/server.js'

conformance({
  plugin: tumblr,
  startFake: () => FakeTumblr.start(),
  validOptions: {},
})
