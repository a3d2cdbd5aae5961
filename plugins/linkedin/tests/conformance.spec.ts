import { conformance } from '#sdk/testing/conformance'
import linkedin from '../index.js'
import { FakeLinkedIn } from '../fake/server.js'

conformance({
  plugin: linkedin,
  startFake: () => FakeLinkedIn.start(),
  validOptions: {},
})
