import { conformance } from '#sdk/testing/conformance'
import lemmy from '../index.js'
import { FakeLemmy } from '../fake/server.js'

conformance({
  plugin: lemmy,
  startFake: () => FakeLemmy.start(),
  validOptions: { community: 'pistache', title: 'Pistache conformance run' },
  missingRequiredOption: { community: 'pistache' },
  ambiguousRequest: { method: 'POST', path: '/api/v3/post' },
})
