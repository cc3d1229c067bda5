import { envBoolean, envList, tokenClaimsEnvShape } from '#tokens';
import { z } from 'zod';

/**
 * The security knobs of the API, read from the environment (SECURITY.md lists every
 * variable, its default and why). Part of AppConfig as `config.security`.
 */
export interface SecurityConfig {
  readonly auth: AuthConfig;
  readonly graphql: GraphQLLimits;
  readonly http: HttpLimits;
  readonly rateLimit: RateLimitConfig;
}

/** Asymmetric algorithms a JWKS key may sign with; HS* never comes from a JWKS. */
export const JWKS_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
] as const;
export type JwksAlgorithm = (typeof JWKS_ALGORITHMS)[number];

export interface AuthConfig {
  /** HS256 tokens signed with AUTH_JWT_SECRET (or DATA_DIR/jwt-secret) are accepted. */
  readonly hs256: boolean;
  /** The identity provider's key set (OIDC `jwks_uri`); null: no asymmetric tokens. */
  readonly jwksUrl: URL | null;
  readonly jwksAlgorithms: readonly JwksAlgorithm[];
  /** How long a fetched key set is used before it is fetched again. */
  readonly jwksCacheMaxAgeMs: number;
  /** An unknown `kid` refetches the set at most this often (key rotation without a refetch storm). */
  readonly jwksCooldownMs: number;
  readonly jwksTimeoutMs: number;
  /** Required `iss` when set. */
  readonly issuer: string | null;
  /** Required `aud` (any of these) when set. */
  readonly audience: readonly string[] | null;
  /** Leeway for exp / nbf / iat between our clock and the issuer's. */
  readonly clockSkewSeconds: number;
}

export interface GraphQLLimits {
  readonly introspection: boolean;
  readonly maxDepth: number;
  readonly maxCost: number;
  readonly maxAliases: number;
  readonly maxTokens: number;
  readonly maxDirectives: number;
}

export interface HttpLimits {
  /** Largest accepted JSON body, in bytes. */
  readonly bodyLimitBytes: number;
}

export interface RateLimitConfig {
  readonly windowMs: number;
  /** Root fields (queries and mutations) per actor per window; 0: unlimited. */
  readonly requests: number;
  /** Mutations per actor per window; 0: unlimited. */
  readonly mutations: number;
}

const bool = envBoolean;

const int = (min: number, max: number) =>
  z.coerce
    .number({ error: `must be an integer from ${min} to ${max}` })
    .int(`must be an integer from ${min} to ${max}`)
    .min(min, `must be an integer from ${min} to ${max}`)
    .max(max, `must be an integer from ${min} to ${max}`);

const SIZE = /^(\d+)\s*(b|kb|mb)?$/i;

const envSchema = z.object({
  NODE_ENV: z.string().optional(),
  AUTH_HS256: tokenClaimsEnvShape.AUTH_HS256,
  AUTH_JWKS_URL: z
    .string()
    .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
      message: 'must be an http(s) URL',
    })
    .optional(),
  AUTH_JWKS_ALGORITHMS: envList()
    .refine(
      (algs) => algs.length > 0 && algs.every((alg) => (JWKS_ALGORITHMS as readonly string[]).includes(alg)),
      {
        message: `must be a comma-separated list of ${JWKS_ALGORITHMS.join(', ')}`,
      },
    )
    .optional(),
  AUTH_JWKS_CACHE_TTL: int(0, 86_400).default(600),
  AUTH_JWKS_COOLDOWN: int(0, 3_600).default(30),
  AUTH_JWKS_TIMEOUT: int(1, 60).default(5),
  AUTH_ISSUER: tokenClaimsEnvShape.AUTH_ISSUER,
  AUTH_AUDIENCE: tokenClaimsEnvShape.AUTH_AUDIENCE,
  AUTH_CLOCK_SKEW: int(0, 300).default(30),
  GRAPHQL_INTROSPECTION: bool().optional(),
  GRAPHQL_MAX_DEPTH: int(1, 100).default(10),
  GRAPHQL_MAX_COST: int(1, 1_000_000).default(5000),
  GRAPHQL_MAX_ALIASES: int(0, 1000).default(15),
  GRAPHQL_MAX_TOKENS: int(10, 100_000).default(2000),
  GRAPHQL_MAX_DIRECTIVES: int(0, 1000).default(50),
  HTTP_BODY_LIMIT: z
    .string()
    .regex(SIZE, 'must be a size such as 262144, 256kb or 1mb')
    .transform(parseSize)
    .refine((bytes) => bytes >= 1024 && bytes <= 50 * 1024 * 1024, {
      message: 'must be between 1kb and 50mb',
    })
    .default(256 * 1024),
  RATE_LIMIT_WINDOW: int(1, 3_600).default(60),
  RATE_LIMIT_REQUESTS: int(0, 1_000_000).default(600),
  RATE_LIMIT_MUTATIONS: int(0, 1_000_000).default(120),
});

function parseSize(value: string | number): number {
  if (typeof value === 'number') return value;
  const [, digits, unit] = SIZE.exec(value.trim()) ?? [];
  const factor = { b: 1, kb: 1024, mb: 1024 * 1024 }[(unit ?? 'b').toLowerCase() as 'b' | 'kb' | 'mb'];
  return Number(digits) * factor;
}

/** A bad variable: the message names it (and never echoes a secret; none of these is one). */
export class SecurityConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'SecurityConfigError';
  }
}

export function loadSecurityConfig(env: NodeJS.ProcessEnv = process.env): SecurityConfig {
  const picked: Record<string, string> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  const parsed = envSchema.safeParse(picked);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue.path[0] ?? 'environment');
    throw new SecurityConfigError(
      variable,
      `${issue.message} (got ${JSON.stringify(env[variable] ?? null)})`,
    );
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  return {
    auth: {
      hs256: e.AUTH_HS256 ?? true,
      jwksUrl: e.AUTH_JWKS_URL ? new URL(e.AUTH_JWKS_URL) : null,
      jwksAlgorithms: (e.AUTH_JWKS_ALGORITHMS ?? ['RS256', 'ES256']) as JwksAlgorithm[],
      jwksCacheMaxAgeMs: e.AUTH_JWKS_CACHE_TTL * 1000,
      jwksCooldownMs: e.AUTH_JWKS_COOLDOWN * 1000,
      jwksTimeoutMs: e.AUTH_JWKS_TIMEOUT * 1000,
      issuer: e.AUTH_ISSUER ?? null,
      audience: e.AUTH_AUDIENCE ?? null,
      clockSkewSeconds: e.AUTH_CLOCK_SKEW,
    },
    graphql: {
      introspection: e.GRAPHQL_INTROSPECTION ?? !production,
      maxDepth: e.GRAPHQL_MAX_DEPTH,
      maxCost: e.GRAPHQL_MAX_COST,
      maxAliases: e.GRAPHQL_MAX_ALIASES,
      maxTokens: e.GRAPHQL_MAX_TOKENS,
      maxDirectives: e.GRAPHQL_MAX_DIRECTIVES,
    },
    http: { bodyLimitBytes: e.HTTP_BODY_LIMIT },
    rateLimit: {
      windowMs: e.RATE_LIMIT_WINDOW * 1000,
      requests: e.RATE_LIMIT_REQUESTS,
      mutations: e.RATE_LIMIT_MUTATIONS,
    },
  };
}
