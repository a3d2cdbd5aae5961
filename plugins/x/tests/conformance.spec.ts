import { conformance } from '#sdk/testing/conformance'
import x from '../index.js'
import { FakeX } from '../fake/server.js'

conformance({
  plugin: x,
  startFake: () => FakeX.start(),
  validOptions: {},
})
