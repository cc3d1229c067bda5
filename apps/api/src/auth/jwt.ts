import { ServiceUnavailableError, UnauthenticatedError, type Actor } from '#domain';
import {
  createRemoteJWKSet,
  decodeProtectedHeader,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyOptions,
} from 'jose';
import { hs256Key } from '#tokens';
import { z } from 'zod';
import type { AuthConfig, JwksAlgorithm } from '../security/security-config.js';

const HS256 = 'HS256';

/** Longer than any honest token (a few hundred bytes); checked before any parsing. */
const MAX_TOKEN_LENGTH = 8192;

const claimsSchema = z
  .object({
    sub: z.string().min(1).max(200),
    name: z.string().max(200).optional(),
    role: z.enum(['office', 'unit_manager', 'auditor', 'worker']),
    unit: z.string().min(1).max(64).optional(),
    exp: z.number(),
  })
  .refine((claims) => claims.role !== 'unit_manager' || claims.unit !== undefined, {
    message: 'a unit_manager token needs a unit claim',
    path: ['unit'],
  });

export interface VerifiedToken {
  readonly actor: Actor;
  /** The exp claim: seconds since the epoch. */
  readonly expiresAt: number;
}

export interface TokenVerifierOptions {
  /** The HS256 shared secret; null: HS256 tokens are refused. */
  readonly hs256Secret: string | null;
  /** The identity provider's key set; null: RS/ES/… tokens are refused. */
  readonly jwks?: {
    readonly url: URL;
    readonly algorithms: readonly JwksAlgorithm[];
    readonly cacheMaxAgeMs: number;
    readonly cooldownMs: number;
    readonly timeoutMs: number;
  } | null;
  readonly issuer?: string | null;
  readonly audience?: readonly string[] | null;
  /** Leeway for exp / nbf (default 30 s). */
  readonly clockSkewSeconds?: number;
}

type KeySet = ReturnType<typeof createRemoteJWKSet>;

/**
 * Verifies bearer tokens. The algorithm is pinned per key type, never taken on the token's
 * word: HS256 is checked only against the shared secret, asymmetric algorithms only against
 * the JWKS (jose refuses a key whose type does not fit the algorithm), so an HS256 token
 * "signed" with the IdP's public key, or `alg: none`, never verifies. `exp` is required;
 * `iss` and `aud` are required when configured; clock skew is bounded.
 */
export class TokenVerifier {
  private readonly secret: Uint8Array | null;
  private readonly keySet: KeySet | null;
  private readonly jwksAlgorithms: readonly string[];
  private readonly common: JWTVerifyOptions;

  constructor(options: TokenVerifierOptions) {
    this.secret = options.hs256Secret ? hs256Key(options.hs256Secret) : null;
    this.keySet = options.jwks
      ? createRemoteJWKSet(options.jwks.url, {
          cacheMaxAge: options.jwks.cacheMaxAgeMs,
          cooldownDuration: options.jwks.cooldownMs,
          timeoutDuration: options.jwks.timeoutMs,
        })
      : null;
    this.jwksAlgorithms = options.jwks?.algorithms ?? [];
    this.common = {
      requiredClaims: ['exp', 'sub'],
      clockTolerance: options.clockSkewSeconds ?? 30,
      ...(options.issuer ? { issuer: options.issuer } : {}),
      ...(options.audience?.length ? { audience: [...options.audience] } : {}),
    };
  }

  static fromConfig(secret: string, auth: AuthConfig): TokenVerifier {
    return new TokenVerifier({
      hs256Secret: auth.hs256 ? secret : null,
      jwks: auth.jwksUrl
        ? {
            url: auth.jwksUrl,
            algorithms: auth.jwksAlgorithms,
            cacheMaxAgeMs: auth.jwksCacheMaxAgeMs,
            cooldownMs: auth.jwksCooldownMs,
            timeoutMs: auth.jwksTimeoutMs,
          }
        : null,
      issuer: auth.issuer,
      audience: auth.audience,
      clockSkewSeconds: auth.clockSkewSeconds,
    });
  }

  /**
   * Any failure of the token is UnauthenticatedError; an unreachable key set (the identity
   * provider is down and the cache has expired) is ServiceUnavailableError: the token may be
   * fine, try again.
   */
  async verify(token: string): Promise<VerifiedToken> {
    if (token.length > MAX_TOKEN_LENGTH) throw new UnauthenticatedError('invalid token: too long');
    let alg: unknown;
    try {
      ({ alg } = decodeProtectedHeader(token));
    } catch {
      throw new UnauthenticatedError('invalid token');
    }
    let payload: JWTPayload;
    if (alg === HS256 && this.secret) {
      payload = await this.check(() =>
        jwtVerify(token, this.secret!, { ...this.common, algorithms: [HS256] }),
      );
    } else if (this.keySet && typeof alg === 'string' && this.jwksAlgorithms.includes(alg)) {
      const keySet = this.keySet;
      payload = await this.check(
        () => jwtVerify(token, keySet, { ...this.common, algorithms: [...this.jwksAlgorithms] }),
        true,
      );
    } else {
      const shown = typeof alg === 'string' && /^[A-Za-z0-9]{1,12}$/.test(alg) ? alg : 'unknown';
      throw new UnauthenticatedError(`invalid token: algorithm ${shown} is not accepted`);
    }
    return toVerified(payload);
  }

  private async check(verify: () => Promise<{ payload: JWTPayload }>, remote = false): Promise<JWTPayload> {
    try {
      return (await verify()).payload;
    } catch (error) {
      if (remote && keySetUnreachable(error)) {
        throw new ServiceUnavailableError(
          "the identity provider's key set cannot be fetched; try again shortly",
        );
      }
      throw new UnauthenticatedError(describeFailure(error));
    }
  }
}

function toVerified(payload: JWTPayload): VerifiedToken {
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) {
    const issue = claims.error.issues[0];
    throw new UnauthenticatedError(
      `invalid token claims: ${issue.path.join('.') || 'token'}: ${issue.message}`,
    );
  }
  const { sub, name, role, unit, exp } = claims.data;
  const actor: Actor = { id: sub, role, ...(name ? { name } : {}), ...(unit ? { unitId: unit } : {}) };
  return { actor, expiresAt: exp };
}

const UNREACHABLE_CODES = new Set(['ERR_JWKS_TIMEOUT', 'ERR_JOSE_GENERIC', 'ERR_JWKS_INVALID']);

/**
 * The key set could not be had (network error, timeout, not 200, not a JWKS): not the token's
 * fault. Duck-typed: fetch's errors come from Node's own realm (not `instanceof Error` in a
 * test sandbox).
 */
function keySetUnreachable(error: unknown): boolean {
  const { name, code, message } = errorFields(error);
  if (UNREACHABLE_CODES.has(code)) return true;
  // fetch() rejects with a TypeError ("fetch failed") whose cause is the socket error.
  return name === 'TypeError' && /fetch failed/i.test(message);
}

/** A short, fixed reason: never the token, never a key. */
function describeFailure(error: unknown): string {
  const { code, claim } = errorFields(error);
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return 'token expired';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (claim === 'iss') return 'invalid token: issuer is not accepted';
      if (claim === 'aud') return 'invalid token: audience is not accepted';
      if (claim === 'nbf') return 'invalid token: not valid yet';
      return `invalid token: claim ${/^[a-z]{1,10}$/.test(claim) ? claim : ''} is missing or invalid`;
    case 'ERR_JWKS_NO_MATCHING_KEY':
      return 'invalid token: signed with an unknown key';
    default:
      return 'invalid token';
  }
}

function errorFields(error: unknown): { name: string; code: string; message: string; claim: string } {
  const fields = typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {};
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return {
    name: text(fields.name),
    code: text(fields.code),
    message: text(fields.message),
    claim: text(fields.claim),
  };
}

/** Verifies an HS256 token against one shared secret, with the defaults (kept for callers and tests). */
export function verifyToken(token: string, secret: string): Promise<VerifiedToken> {
  return new TokenVerifier({ hs256Secret: secret }).verify(token);
}

/** Reads `Bearer <token>` from an Authorization header value. */
export function bearerToken(header: unknown): string | null {
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : null;
}

export { signToken, type TokenRequest } from '#tokens';
