import { createClient } from 'graphql-ws';
import { base64url, SignJWT } from 'jose';
import { createPublicKey } from 'node:crypto';
import WebSocket from 'ws';
import { TestApp } from '../support/harness.js';
import { IdentityProvider, signingKey, type SigningKey } from './support/identity-provider.js';
import { gql, type RawAnswer } from './support/raw-http.js';

jest.setTimeout(60_000);

const SECRET = 'a-shared-secret-for-service-tokens-0123456789';
const UNITS = '{ units { id } }';

const codeOf = (answer: RawAnswer) => answer.body.errors?.[0]?.extensions?.code;

describe('tokens from a school identity provider (JWKS) and from the shared secret', () => {
  const idp = new IdentityProvider();
  let app: TestApp;
  let rsa: SigningKey;
  let ec: SigningKey;

  const call = (token: string | null) => gql(app.running.graphqlUrl, token, UNITS);
  const accepted = async (token: string) => {
    const answer = await call(token);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.status).toBe(200);
  };
  const refused = async (token: string, message?: RegExp) => {
    const answer = await call(token);
    expect(codeOf(answer)).toBe('UNAUTHENTICATED');
    expect(answer.status).toBe(401);
    expect(answer.body.data ?? null).toBeNull();
    if (message) expect(answer.body.errors?.[0]?.message).toMatch(message);
  };
  const hs256 = (claims: Record<string, unknown>, secret: string | Uint8Array) =>
    new SignJWT({ sub: 'svc', role: 'office', ...claims })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setExpirationTime('10m')
      .sign(typeof secret === 'string' ? new TextEncoder().encode(secret) : secret);

  beforeAll(async () => {
    [rsa, ec] = await Promise.all([signingKey('rsa-2026-a', 'RS256'), signingKey('ec-2026-a', 'ES256')]);
    idp.published = [rsa, ec];
    await idp.start();
    app = await TestApp.start({
      env: {
        AUTH_JWT_SECRET: SECRET,
        AUTH_JWKS_URL: idp.jwksUrl,
        AUTH_ISSUER: idp.issuer,
        AUTH_AUDIENCE: idp.audience,
        AUTH_CLOCK_SKEW: '30',
        // Rotation is tested right away: no pause before an unknown kid refetches the set.
        AUTH_JWKS_COOLDOWN: '0',
      },
    });
  });

  afterAll(async () => {
    await app?.stop();
    await idp.stop();
  });

  describe('accepted', () => {
    it('RS256 and ES256 tokens signed by a published key, with the expected issuer and audience', async () => {
      await accepted(await idp.token(rsa));
      await accepted(await idp.token(ec));
    });

    it('the key set is fetched once and then served from the cache', async () => {
      const before = idp.fetches;
      for (let i = 0; i < 5; i++) await accepted(await idp.token(rsa));
      expect(idp.fetches).toBe(before);
    });

    it('a token that expired less than AUTH_CLOCK_SKEW (30 s) ago', async () => {
      await accepted(await idp.token(rsa, { exp: Math.floor(Date.now() / 1000) - 10 }));
    });

    it('HS256 service tokens signed with AUTH_JWT_SECRET, carrying the issuer and audience', async () => {
      await accepted(await hs256({ iss: idp.issuer, aud: idp.audience }, SECRET));
    });

    it('an IdP token opens a graphql-ws connection too', async () => {
      const client = createClient({
        url: app.running.wsUrl,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${await idp.token(ec)}` },
        retryAttempts: 0,
        lazy: false,
      });
      await new Promise<void>((resolve, reject) => {
        client.on('connected', () => resolve());
        client.on('closed', (event) => reject(new Error(`closed: ${(event as { code?: number }).code}`)));
      });
      await client.dispose();
    });
  });

  describe('forged or unfit tokens are UNAUTHENTICATED (HTTP 401)', () => {
    it('alg none', async () => {
      const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }));
      const exp = Math.floor(Date.now() / 1000) + 600;
      const body = base64url.encode(
        JSON.stringify({ sub: 'x', role: 'office', iss: idp.issuer, aud: idp.audience, exp }),
      );
      await refused(`${header}.${body}.`, /algorithm none is not accepted/);
    });

    it("HS256 signed with the identity provider's public key (RS/HS confusion), as PEM and as JWK n", async () => {
      const pem = createPublicKey({ key: rsa.publicJwk as never, format: 'jwk' })
        .export({ type: 'spki', format: 'pem' })
        .toString();
      const claims = { iss: idp.issuer, aud: idp.audience };
      await refused(await hs256(claims, pem));
      await refused(await hs256(claims, String(rsa.publicJwk.n)));
      const withKid = await new SignJWT({ sub: 'x', role: 'office', ...claims })
        .setProtectedHeader({ alg: 'HS256', kid: rsa.kid })
        .setExpirationTime('10m')
        .sign(new TextEncoder().encode(pem));
      await refused(withKid);
    });

    it('expired beyond the clock skew', async () => {
      await refused(await idp.token(rsa, { exp: Math.floor(Date.now() / 1000) - 60 }), /token expired/);
    });

    it('not valid yet beyond the clock skew', async () => {
      await refused(await idp.token(rsa, { nbf: Math.floor(Date.now() / 1000) + 120 }), /not valid yet/);
    });

    it('wrong audience, missing audience', async () => {
      await refused(await idp.token(rsa, { aud: 'another-app' }), /audience is not accepted/);
      await refused(await idp.token(rsa, { aud: null }));
    });

    it('wrong issuer, missing issuer', async () => {
      await refused(await idp.token(rsa, { iss: 'https://evil.example.com' }), /issuer is not accepted/);
      await refused(await idp.token(rsa, { iss: null }));
    });

    it('without exp or sub', async () => {
      await refused(await idp.token(rsa, { exp: null }));
      await refused(await idp.token(rsa, { sub: null }));
    });

    it('signed by a key the provider never published, even under a published kid', async () => {
      const stranger = await signingKey('rsa-stranger', 'RS256');
      await refused(await idp.token(stranger), /unknown key/);
      await refused(await idp.token(stranger, {}, { kid: rsa.kid }));
    });

    it('an algorithm outside AUTH_JWKS_ALGORITHMS (RS512), and a key used with another algorithm', async () => {
      const rs512 = await signingKey('rsa-512', 'RS512');
      idp.published = [rsa, ec, rs512];
      await refused(await idp.token(rs512), /algorithm RS512 is not accepted/);
      idp.published = [rsa, ec];
      // The EC key's kid on an RS256 signature: the key does not fit the algorithm.
      await refused(await idp.token(rsa, {}, { kid: ec.kid }));
    });

    it('an HS256 token with the right secret but without the configured issuer and audience', async () => {
      await refused(await hs256({}, SECRET));
      await refused(await hs256({ iss: idp.issuer, aud: idp.audience }, `${SECRET}-wrong`));
    });

    it('claims outside the contract: unknown role, unit manager without a unit', async () => {
      await refused(await idp.token(rsa, { role: 'admin' }), /role/);
      await refused(await idp.token(rsa, { role: 'unit_manager' }), /unit/);
    });

    it('a token far longer than any honest one', async () => {
      await refused(`${await idp.token(rsa)}${'A'.repeat(10_000)}`, /too long/);
    });
  });

  describe('key rotation and an unreachable provider', () => {
    it('a new key is picked up on first use; a withdrawn key stops working', async () => {
      const rotated = await signingKey('rsa-2026-b', 'RS256');
      const oldToken = await idp.token(rsa);
      await accepted(oldToken);
      idp.published = [rotated, ec];
      const fetches = idp.fetches;
      await accepted(await idp.token(rotated));
      expect(idp.fetches).toBe(fetches + 1);
      await refused(oldToken);
      rsa = rotated;
    });

    it('while the key set cannot be fetched, IdP tokens get SERVICE_UNAVAILABLE (503); it recovers on its own', async () => {
      const outage = await TestApp.start({
        env: {
          AUTH_JWT_SECRET: SECRET,
          AUTH_JWKS_URL: idp.jwksUrl,
          AUTH_ISSUER: idp.issuer,
          AUTH_AUDIENCE: idp.audience,
          AUTH_JWKS_CACHE_TTL: '0',
          AUTH_JWKS_TIMEOUT: '2',
        },
      });
      try {
        const token = await idp.token(ec);
        const url = outage.running.graphqlUrl;
        expect((await gql(url, token, UNITS)).status).toBe(200);
        await idp.stop();
        const down = await gql(url, token, UNITS);
        expect(down.status).toBe(503);
        expect(codeOf(down)).toBe('SERVICE_UNAVAILABLE');
        expect(down.body.errors?.[0]?.extensions?.requestId).toEqual(expect.any(String));
        // The shared secret does not depend on the provider.
        const service = await hs256({ iss: idp.issuer, aud: idp.audience }, SECRET);
        expect((await gql(url, service, UNITS)).status).toBe(200);
        await idp.start();
        const back = await gql(url, token, UNITS);
        expect(back.body.errors).toBeUndefined();
      } finally {
        await outage.stop();
        await idp.start().catch(() => undefined);
      }
    });
  });
});

describe('AUTH_HS256=false: identity-provider tokens only', () => {
  it('refuses HS256 even with the right secret', async () => {
    const app = await TestApp.start({ env: { AUTH_JWT_SECRET: SECRET, AUTH_HS256: 'false' } });
    try {
      const token = await app.token({ id: 'office-1', role: 'office' });
      const answer = await gql(app.running.graphqlUrl, token, UNITS);
      expect(codeOf(answer)).toBe('UNAUTHENTICATED');
      expect(answer.body.errors?.[0]?.message).toMatch(/algorithm HS256 is not accepted/);
    } finally {
      await app.stop();
    }
  });
});
