import { conformance } from '#sdk/testing/conformance'
import reddit from '../index.js'
import { FakeReddit } from '../fake/server.js'

conformance({
  plugin: reddit,
  startFake: () => FakeReddit.start(),
  validOptions: { subreddit: 'pistache', title: 'Pistache conformance run' },
  missingRequiredOption: { subreddit: 'pistache' },
  // r/pistache has no flairs; r/FlairMe offers two.
  choiceOptions: { subreddit: 'flairme' },
  // POST /api/comment is the follow-up a lost answer leaves unknown.
  partRequest: { method: 'POST', path: '^/api/comment$' },
})
