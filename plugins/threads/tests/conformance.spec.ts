import { conformance } from '#sdk/testing/conformance'
import threads from '../index.js'
import { FakeThreads } from '../fake/server.js'

conformance({
  plugin: threads,
  startFake: () => FakeThreads.start(),
  validOptions: {},
})
