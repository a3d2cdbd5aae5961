import { conformance } from '#sdk/testing/conformance'
import youtube from '../index.js'
import { FakeYouTube } from '../fake/server.js'

conformance({
  plugin: youtube,
  startFake: () => FakeYouTube.start(),
  validOptions: {
    title: 'Pistache at the conformance kit',
    privacy: 'unlisted',
    madeForKids: false,
    categoryId: '22',
  },
  missingRequiredOption: { privacy: 'public' },
  // Opening the upload session creates nothing; the byte upload is what makes the video.
  ambiguousRequest: { method: 'PUT', path: '^/upload/youtube/v3/videos$' },
  // commentThreads.insert is the follow-up a lost answer leaves unknown.
  partRequest: { method: 'POST', path: '^/youtube/v3/commentThreads$' },
})
