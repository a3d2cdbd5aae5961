import { conformance } from '#sdk/testing/conformance'
import facebook from '../index.js'
import { FakeFacebook } from '../fake/server.js'

conformance({
  plugin: facebook,
  startFake: () => FakeFacebook.start(),
  validOptions: {},
})
