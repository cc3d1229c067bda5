import type { Actor } from '#domain';
import { SignJWT } from 'jose';

/** The HS256 key both the signer and the API's verifier derive from the shared secret. */
export const hs256Key = (secret: string): Uint8Array => new TextEncoder().encode(secret);

export interface TokenRequest {
  readonly sub: string;
  readonly role: Actor['role'];
  readonly name?: string;
  readonly unit?: string;
  /** jose time span, e.g. "12h", "30m", "7d". */
  readonly ttl?: string;
}

/** Signs an HS256 token; with AUTH_ISSUER / AUTH_AUDIENCE set, pass them so the server accepts it. */
export async function signToken(
  request: TokenRequest,
  secret: string,
  options: { issuer?: string | null; audience?: readonly string[] | null } = {},
): Promise<string> {
  const claims: Record<string, string> = { role: request.role };
  if (request.name) claims.name = request.name;
  if (request.unit) claims.unit = request.unit;
  let jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.sub)
    .setIssuedAt()
    .setExpirationTime(request.ttl ?? '12h');
  if (options.issuer) jwt = jwt.setIssuer(options.issuer);
  if (options.audience?.length) jwt = jwt.setAudience([...options.audience]);
  return jwt.sign(hs256Key(secret));
}
