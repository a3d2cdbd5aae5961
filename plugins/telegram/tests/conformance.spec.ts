import { conformance } from '#sdk/testing/conformance'
import telegram from '../index.js'
import { FakeTelegram } from '../fake/server.js'

conformance({
  plugin: telegram,
  startFake: () => FakeTelegram.start(),
  validOptions: {},
})
