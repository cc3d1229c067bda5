import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SigningKey {
  readonly kid: string;
  readonly alg: 'RS256' | 'ES256' | 'RS512';
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
}

export async function signingKey(kid: string, alg: SigningKey['alg']): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, alg, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

/**
 * A school's identity provider as far as the API can tell: a real HTTP server publishing a
 * JWKS (keys can be rotated, the server stopped and started on the same port), and a signer.
 */
export class IdentityProvider {
  readonly issuer = 'https://idp.example.edu.cn';
  readonly audience = 'chessboard';
  /** Keys published at /jwks. */
  published: SigningKey[] = [];
  /** How many times the key set was fetched. */
  fetches = 0;
  private server: Server | null = null;
  private port = 0;

  get jwksUrl(): string {
    return `http://127.0.0.1:${this.port}/jwks`;
  }

  async start(): Promise<void> {
    if (this.server) return;
    const server = createServer((req, res) => {
      if (req.url !== '/jwks') {
        res.writeHead(404).end();
        return;
      }
      this.fetches += 1;
      res.writeHead(200, { 'content-type': 'application/jwk-set+json' });
      res.end(JSON.stringify({ keys: this.published.map((key) => key.publicJwk) }));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', resolve);
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** A token as the IdP issues it (claims may be overridden; null removes one). */
  token(
    key: SigningKey,
    claims: Record<string, unknown> = {},
    options: { kid?: string; alg?: string } = {},
  ): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const payload: JWTPayload = {
      sub: 'office-oidc',
      role: 'office',
      name: '对口支援办公室',
      iss: this.issuer,
      aud: this.audience,
      iat: now,
      exp: now + 600,
      ...claims,
    };
    for (const [name, value] of Object.entries(payload)) if (value === null) delete payload[name];
    return new SignJWT(payload)
      .setProtectedHeader({ alg: options.alg ?? key.alg, kid: options.kid ?? key.kid, typ: 'JWT' })
      .sign(key.privateKey);
  }
}
