import { conformance } from '#sdk/testing/conformance'
import bluesky from '../index.js'
import { FakeBluesky } from '../fake/server.js'

conformance({
  plugin: bluesky,
  startFake: () => FakeBluesky.start(),
  validOptions: {},
})
