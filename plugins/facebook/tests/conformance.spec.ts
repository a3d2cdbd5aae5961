import { conformance } from '#sdk/testing/conformance'
import facebook from '../index.js'
import { FakeFacebook } from '../fake/server.js'

conformance({
  plugin: facebook,
  startFake: () => FakeFacebook.start(),
  validOptions: {},
  // The comment under the post is the follow-up a lost answer leaves unknown.
  partRequest: { method: 'POST', path: '/comments$' },
})
