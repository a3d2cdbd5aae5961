import { conformance } from '#sdk/testing/conformance'
import instagram from '../index.js'
import { FakeInstagram } from '../fake/server.js'

conformance({
  plugin: instagram,
  startFake: () => FakeInstagram.start(),
  validOptions: {},
  // The comment under the media is the follow-up a lost answer leaves unknown.
  partRequest: { method: 'POST', path: '/comments$' },
})
