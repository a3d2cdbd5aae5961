import { conformance } from '#sdk/testing/conformance'
import threads from '../index.js'
import { FakeThreads } from '../fake/server.js'

conformance({
  plugin: threads,
  startFake: () => FakeThreads.start(),
  validOptions: {},
  // Threads refreshes a long-lived token only while it is still valid.
  refreshWhileValid: true,
})
