import { FakeServer } from '#sdk/testing/fake_server'
import { APP_ID, APP_SECRET, type FakeFacebookLogin, type FakePage } from './facebook_login.js'

/**
 * What the Facebook and Instagram fakes share: one server answering Facebook Login next to the
 * network's own Graph routes, and the token members of FakeNetwork, which the login owns.
 */
export abstract class FakeLoginNetwork<Page extends FakePage> {
  server = new FakeServer()
  abstract login: FakeFacebookLogin<Page>

  isTokenValid(token: string) {
    return this.login.isTokenValid(token)
  }

  expireAccessToken(token: string) {
    this.login.expire(token)
  }

  close() {
    return this.server.close()
  }

  /** Settings that point a plugin at this fake: each named host is this server; `web` stays the public site, used in links only. */
  protected settingsFor(hosts: string[], web: string) {
    const base = this.server.baseUrl
    return {
      urls: { ...Object.fromEntries(hosts.map((host) => [host, base])), web },
      apiVersion: 'v25.0',
      clientId: APP_ID,
      clientSecret: APP_SECRET,
    }
  }

  /** Login routes first, then the network's own (the catch-all node routes come last), then listen. */
  protected async listen(networkRoutes: () => void) {
    this.login.routes(this.server)
    networkRoutes()
    await this.server.start()
  }
}
