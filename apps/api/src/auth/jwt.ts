import { UnauthenticatedError, type Actor } from '#domain';
import { SignJWT, jwtVerify } from 'jose';
import { z } from 'zod';

const ALGORITHM = 'HS256';

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

const key = (secret: string): Uint8Array => new TextEncoder().encode(secret);

export interface VerifiedToken {
  readonly actor: Actor;
  /** The exp claim: seconds since the epoch. */
  readonly expiresAt: number;
}

/** Verifies signature (HS256 only), expiry and claims; any failure is UNAUTHENTICATED. */
export async function verifyToken(token: string, secret: string): Promise<VerifiedToken> {
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, key(secret), { algorithms: [ALGORITHM], requiredClaims: ['exp'] }));
  } catch (error) {
    const expired = error instanceof Error && 'code' in error && error.code === 'ERR_JWT_EXPIRED';
    throw new UnauthenticatedError(expired ? 'token expired' : 'invalid token');
  }
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

/** Reads `Bearer <token>` from an Authorization header value. */
export function bearerToken(header: unknown): string | null {
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : null;
}

export interface TokenRequest {
  readonly sub: string;
  readonly role: Actor['role'];
  readonly name?: string;
  readonly unit?: string;
  /** jose time span, e.g. "12h", "30m", "7d". */
  readonly ttl?: string;
}

export async function signToken(request: TokenRequest, secret: string): Promise<string> {
  const claims: Record<string, string> = { role: request.role };
  if (request.name) claims.name = request.name;
  if (request.unit) claims.unit = request.unit;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setSubject(request.sub)
    .setIssuedAt()
    .setExpirationTime(request.ttl ?? '12h')
    .sign(key(secret));
}
