// OpenID Connect with the province's shared login: authorization code with PKCE, state and
// nonce, the ID token verified by openid-client against the issuer's discovery document and
// JWKS. The redirect URI is the site's own configured origin (never the Host header).
import * as client from 'openid-client';
import type { OidcConfig } from './config.ts';
import type { ExternalIdentity } from './external-login.ts';

export const CALLBACK_PATH = '/admin/login/sso/callback';

/** What the browser carries (in a signed cookie) between the redirect and the callback. */
export interface OidcTransaction {
  siteId: number;
  state: string;
  nonce: string;
  verifier: string;
  next: string;
}

export class OidcClient {
  private configuration: Promise<client.Configuration> | null = null;

  constructor(readonly settings: OidcConfig) {}

  /** Discovery, once per process; retried on the next sign-in when the provider was unreachable. */
  private config(): Promise<client.Configuration> {
    this.configuration ??= client
      .discovery(this.settings.issuer, this.settings.clientId, undefined, client.ClientSecretBasic(this.settings.clientSecret), {
        ...(this.settings.allowHttp ? { execute: [client.allowInsecureRequests] } : {}),
        timeout: 10,
      })
      .catch((error: unknown) => {
        this.configuration = null;
        throw error;
      });
    return this.configuration;
  }

  async start(siteId: number, siteOrigin: string, next: string): Promise<{ url: URL; transaction: OidcTransaction }> {
    const config = await this.config();
    const verifier = client.randomPKCECodeVerifier();
    const transaction: OidcTransaction = { siteId, state: client.randomState(), nonce: client.randomNonce(), verifier, next };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: `${siteOrigin}${CALLBACK_PATH}`,
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: transaction.state,
      nonce: transaction.nonce,
    });
    return { url, transaction };
  }

  /** Exchanges the code; throws when the state, nonce, PKCE or the ID token's signature do not check out. */
  async finish(currentUrl: URL, transaction: OidcTransaction): Promise<ExternalIdentity> {
    const config = await this.config();
    const tokens = await client.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: transaction.verifier,
      expectedState: transaction.state,
      expectedNonce: transaction.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims()!;
    let email = typeof claims.email === 'string' ? claims.email : null;
    let verified = claims.email_verified === true;
    if (email === null) {
      const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      email = typeof info.email === 'string' ? info.email : null;
      verified = info.email_verified === true;
    }
    const amr = Array.isArray(claims.amr) ? claims.amr : [];
    const mfa = this.settings.trustMfa && (amr.includes('mfa') || (typeof claims.acr === 'string' && this.settings.mfaAcr.includes(claims.acr)));
    return { provider: 'oidc', subject: `${claims.iss} ${claims.sub}`, email, emailVerified: verified, mfa };
  }
}
