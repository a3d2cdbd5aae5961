import { conformance } from '#sdk/testing/conformance'
import pinterest from '../index.js'
import { BOARDS, FakePinterest } from '../fake/server.js'

conformance({
  plugin: pinterest,
  startFake: () => FakePinterest.start(),
  validOptions: { board: BOARDS[0].id },
  missingRequiredOption: {},
})
