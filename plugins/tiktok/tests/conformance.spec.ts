import { conformance } from '#sdk/testing/conformance'
import tiktok from '../index.js'
import { FakeTikTok } from '../fake/server.js'
import { withExpectedFailures } from './expected_failures.js'

/**
 * The shared kit, as is. Five of its tests post text alone or a PNG; on TikTok (media
 * mandatory, photos JPEG/WebP only) those posts are refused, so the tests fail for the
 * kit's fixtures, not for the plugin. They are marked as expected failures; the same
 * behaviour is proven with TikTok-valid media in kit_equivalents.spec.ts. Kit change
 * needed: see the TikTok plugin report (a `sampleMedia` on the subject when mediaRequired).
 */
const MEDIA_REQUIRED = 'kit posts text alone; TikTok refuses posts without media (covered with a video in kit_equivalents.spec.ts)'

withExpectedFailures(
  () =>
    conformance({
      plugin: tiktok,
      startFake: () => FakeTikTok.start(),
      validOptions: { privacyLevel: 'SELF_ONLY' },
      missingRequiredOption: {},
    }),
  {
    'publishes text exactly as written': MEDIA_REQUIRED,
    'publishes images with their alt text': 'kit image fixture is a PNG; TikTok photos must be JPEG or WebP (covered with JPEGs in kit_equivalents.spec.ts)',
    'maps 401 to unauthorized, 429 to rate_limited with retryAfter, 5xx to retryable': MEDIA_REQUIRED,
    'a timeout after sending is ambiguous, and the lookup hook can reconcile it': MEDIA_REQUIRED,
    'stats are read back, unknown metrics stay null': MEDIA_REQUIRED,
  }
)
