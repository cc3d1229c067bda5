import { useSyncExternalStore } from 'react';

/** The roles of the contract's JWT `role` claim. */
export type RoleClaim = 'office' | 'unit_manager' | 'auditor' | 'worker';

/** Who the pasted token says you are. The server checks the signature; the UI only reads it. */
export interface Session {
  readonly token: string;
  readonly sub: string;
  readonly name: string | null;
  readonly role: RoleClaim;
  readonly unit: string | null;
  /** Seconds since the epoch. */
  readonly exp: number;
}

const STORAGE_KEY = 'chessboard.token';
const ROLES: readonly RoleClaim[] = ['office', 'unit_manager', 'auditor', 'worker'];

export class TokenError extends Error {}

function base64UrlDecode(segment: string): string {
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** Reads the claims of a JWT; throws TokenError with a reason key when it is not a usable one. */
export function decodeToken(raw: string): Session {
  const token = raw.trim().replace(/^Bearer\s+/i, '');
  const segments = token.split('.');
  if (segments.length !== 3) throw new TokenError('notAJwt');
  let claims: Record<string, unknown>;
  try {
    claims = JSON.parse(base64UrlDecode(segments[1])) as Record<string, unknown>;
  } catch {
    throw new TokenError('notAJwt');
  }
  const { sub, name, role, unit, exp } = claims;
  if (typeof sub !== 'string' || !ROLES.includes(role as RoleClaim)) throw new TokenError('missingClaims');
  if (typeof exp !== 'number') throw new TokenError('missingClaims');
  if (exp * 1000 <= Date.now()) throw new TokenError('expired');
  return {
    token,
    sub,
    name: typeof name === 'string' ? name : null,
    role: role as RoleClaim,
    unit: typeof unit === 'string' ? unit : null,
    exp,
  };
}

const listeners = new Set<() => void>();
let current: Session | null = readStored();

function readStored(): Session | null {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return stored ? decodeToken(stored) : null;
  } catch {
    return null;
  }
}

export function signIn(session: Session): void {
  localStorage.setItem(STORAGE_KEY, session.token);
  current = session;
  listeners.forEach((listener) => listener());
}

export function signOut(): void {
  localStorage.removeItem(STORAGE_KEY);
  current = null;
  listeners.forEach((listener) => listener());
}

export function useSession(): Session | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
}
