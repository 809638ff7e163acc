// The public address of a site, for every absolute link the product writes
// (password resets, receipts, tracking links, notifications, feeds, sitemaps,
// canonical links, Dublin Core identifiers). It comes from the site's own
// configured host name and the installation's BASE_URL — never from a request
// header, which anyone can forge (a reset link mailed to evil.example).
import type { Site } from './site.ts';

export class PublicAddresses {
  /** The port the server listens on, learnt at listen time; used only when BASE_URL is not set. */
  private listeningPort: number | null = null;

  constructor(private readonly baseUrl: URL | null) {}

  /** Called once the server listens (an `onListen` hook), so links on a developer's machine keep their port. */
  setListeningPort(port: number | null): void {
    this.listeningPort = port;
  }

  /** The scheme and port every site is reached with: BASE_URL's when set, otherwise plain http on the listening port. */
  private schemeAndPort(): { scheme: string; port: string } {
    if (this.baseUrl) return { scheme: this.baseUrl.protocol, port: this.baseUrl.port };
    const port = this.listeningPort;
    return { scheme: 'http:', port: port && port !== 80 ? String(port) : '' };
  }

  /** True when sites are served over https (their cookies are then always Secure). */
  get https(): boolean {
    return this.baseUrl?.protocol === 'https:';
  }

  /** The origin of a configured host name, e.g. https://nhuxuan.thanhhoa.gov.vn */
  originOfHost(host: string): string {
    const { scheme, port } = this.schemeAndPort();
    return `${scheme}//${host}${port ? `:${port}` : ''}`;
  }

  /** The canonical origin of a site: its primary host name, or BASE_URL's host for a site without one. */
  originOf(site: Pick<Site, 'primaryHost'>): string {
    if (site.primaryHost) return this.originOfHost(site.primaryHost);
    if (this.baseUrl) return this.baseUrl.origin;
    return this.originOfHost('localhost');
  }
}
