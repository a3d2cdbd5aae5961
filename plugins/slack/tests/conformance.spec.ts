import { conformance } from '#sdk/testing/conformance'
import slack from '../index.js'
import { FakeSlack } from '../fake/server.js'

conformance({
  plugin: slack,
  startFake: () => FakeSlack.start(),
  validOptions: {},
})
