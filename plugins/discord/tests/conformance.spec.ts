import { conformance } from '#sdk/testing/conformance'
import discord from '../index.js'
import { FakeDiscord } from '../fake/server.js'

conformance({
  plugin: discord,
  startFake: () => FakeDiscord.start(),
  validOptions: {},
})
