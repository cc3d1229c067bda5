import { loadSecurityConfig, SecurityConfigError } from './security-config.js';

describe('security configuration', () => {
  it('defaults: HS256 on, no JWKS, 30 s skew, introspection on, limits, 256 KiB bodies, 600/120 calls a minute', () => {
    expect(loadSecurityConfig({})).toEqual({
      auth: {
        hs256: true,
        jwksUrl: null,
        jwksAlgorithms: ['RS256', 'ES256'],
        jwksCacheMaxAgeMs: 600_000,
        jwksCooldownMs: 30_000,
        jwksTimeoutMs: 5_000,
        issuer: null,
        audience: null,
        clockSkewSeconds: 30,
      },
      graphql: {
        introspection: true,
        maxDepth: 10,
        maxCost: 5000,
        maxAliases: 15,
        maxTokens: 2000,
        maxDirectives: 50,
      },
      http: { bodyLimitBytes: 262_144 },
      rateLimit: { windowMs: 60_000, requests: 600, mutations: 120 },
    });
  });

  it('introspection is off under NODE_ENV=production unless GRAPHQL_INTROSPECTION says so', () => {
    expect(loadSecurityConfig({ NODE_ENV: 'production' }).graphql.introspection).toBe(false);
    expect(
      loadSecurityConfig({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' }).graphql.introspection,
    ).toBe(true);
    expect(loadSecurityConfig({ GRAPHQL_INTROSPECTION: 'off' }).graphql.introspection).toBe(false);
  });

  it('reads the identity provider, issuer, audiences and sizes', () => {
    const config = loadSecurityConfig({
      AUTH_JWKS_URL: 'https://idp.example.edu.cn/.well-known/jwks.json',
      AUTH_JWKS_ALGORITHMS: 'ES256, PS256',
      AUTH_ISSUER: 'https://idp.example.edu.cn',
      AUTH_AUDIENCE: 'chessboard, chessboard-web',
      AUTH_HS256: 'false',
      HTTP_BODY_LIMIT: '1mb',
    });
    expect(config.auth).toMatchObject({
      hs256: false,
      jwksAlgorithms: ['ES256', 'PS256'],
      issuer: 'https://idp.example.edu.cn',
      audience: ['chessboard', 'chessboard-web'],
    });
    expect(config.auth.jwksUrl?.href).toBe('https://idp.example.edu.cn/.well-known/jwks.json');
    expect(config.http.bodyLimitBytes).toBe(1024 * 1024);
  });

  it.each([
    ['AUTH_JWKS_URL', 'ftp://idp.example.edu.cn/jwks'],
    ['AUTH_JWKS_ALGORITHMS', 'HS256'],
    ['AUTH_JWKS_ALGORITHMS', 'none'],
    ['AUTH_CLOCK_SKEW', '3600'],
    ['AUTH_HS256', 'maybe'],
    ['GRAPHQL_MAX_DEPTH', '0'],
    ['HTTP_BODY_LIMIT', '10gb'],
    ['RATE_LIMIT_MUTATIONS', '-1'],
  ])('a bad %s (%s) is an error naming the variable', (variable, value) => {
    expect(() => loadSecurityConfig({ [variable]: value })).toThrow(SecurityConfigError);
    expect(() => loadSecurityConfig({ [variable]: value })).toThrow(new RegExp(`^${variable}: `));
  });
});
