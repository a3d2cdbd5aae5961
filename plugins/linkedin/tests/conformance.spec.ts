import { conformance } from '#sdk/testing/conformance'
import linkedin from '../index.js'
import { FakeLinkedIn } from '../fake/server.js'

conformance({
  plugin: linkedin,
  startFake: () => FakeLinkedIn.start(),
  validOptions: {},
  // The comment under the post is the follow-up a lost answer leaves unknown.
  partRequest: { method: 'POST', path: '^/rest/socialActions/[^/]+/comments$' },
})
