import { conformance } from '#sdk/testing/conformance'
import tiktok from '../index.js'
import { FakeTikTok } from '../fake/server.js'
import { withExpectedFailures } from './expected_failures.js'

/**
 * The shared kit, as is (it attaches a JPEG to every post because TikTok requires media).
 * One test stays an expected failure: when the answer to TikTok's init call is lost, nothing
 * has been published yet (the media is pulled or uploaded after init), so the lookup rightly
 * finds no post, while the kit expects one. kit_equivalents.spec.ts covers TikTok's real
 * behaviour for that case.
 */
withExpectedFailures(
  () =>
    conformance({
      plugin: tiktok,
      startFake: () => FakeTikTok.start(),
      validOptions: { privacyLevel: 'SELF_ONLY' },
      missingRequiredOption: {},
    }),
  {
    'a timeout after sending is ambiguous, and the lookup hook can reconcile it':
      'a lost init answer means nothing was published on TikTok; the lookup correctly finds no post',
  }
)
