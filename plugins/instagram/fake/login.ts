import { FakeFacebookLogin, type FakePage } from '../../_meta/fake/facebook_login.js'

export interface LinkedPage extends FakePage {
  /** The Instagram professional account linked to the Page, if any. */
  instagram?: { id: string; username: string; name: string; followers: number }
}

/** Facebook Login (the shared fake) whose Pages carry the Instagram accounts linked to them. */
export class FakeInstagramLogin extends FakeFacebookLogin<LinkedPage> {
  constructor() {
    super([
      {
        id: '104000000000001',
        name: 'Pistache Bakery',
        username: 'pistachebakery',
        tasks: ['ADVERTISE', 'ANALYZE', 'CREATE_CONTENT', 'MODERATE', 'MANAGE'],
        followers: 1280,
        instagram: {
          id: '17841400000000001',
          username: 'pistache.bakery',
          name: 'Pistache Bakery',
          followers: 5400,
        },
      },
      {
        id: '104000000000002',
        name: 'Pistache Agency',
        tasks: ['ANALYZE', 'CREATE_CONTENT', 'MODERATE'],
        followers: 312,
        instagram: {
          id: '17841400000000002',
          username: 'pistache.agency',
          name: 'Pistache Agency',
          followers: 870,
        },
      },
      // A Page without an Instagram account: the plugin must leave it out of the picker.
      { id: '104000000000003', name: 'Pistache Archive', tasks: ['CREATE_CONTENT'], followers: 12 },
    ])
  }

  /** `instagram_business_account{…}` as Graph expands it (absent when no account is linked). */
  protected override pageFields(page: LinkedPage, fields: string[]): Record<string, unknown> {
    if (!page.instagram || !fields.some((field) => field.startsWith('instagram_business_account')))
      return {}
    const { id, username, name } = page.instagram
    return {
      instagram_business_account: {
        id,
        username,
        name,
        profile_picture_url: `https://scontent.cdninstagram.example/${id}.jpg`,
      },
    }
  }

  /** The Page whose linked Instagram account is `igUserId`. */
  pageOfInstagram(igUserId: string) {
    return this.pages.find((page) => page.instagram?.id === igUserId)
  }
}
