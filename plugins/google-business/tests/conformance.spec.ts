import { conformance } from '#sdk/testing/conformance'
import googleBusiness from '../index.js'
import { FakeGoogleBusiness } from '../fake/server.js'

conformance({
  plugin: googleBusiness,
  startFake: () => FakeGoogleBusiness.start(),
  validOptions: {},
})
