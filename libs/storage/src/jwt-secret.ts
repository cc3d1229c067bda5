import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StorageConfigError } from './storage-config.js';

/** The HS256 secret the API signs with unless AUTH_JWT_SECRET is set; backups copy it. */
export const jwtSecretFile = (dataDir: string): string => join(dataDir, 'jwt-secret');

/**
 * Reads the secret from DATA_DIR/jwt-secret, creating it (mode 600) on first use, so
 * tokens minted by `chessboard token` keep working across restarts. Only the API and the
 * token command call this: other commands must not leave a secret behind.
 */
export function loadOrCreateJwtSecret(dataDir: string): { secret: string; created: boolean } {
  const file = jwtSecretFile(dataDir);
  if (existsSync(file)) {
    const secret = readFileSync(file, 'utf8').trim();
    if (secret.length < 32)
      throw new StorageConfigError(`${file}: the stored JWT secret is too short; delete it`);
    return { secret, created: false };
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return { secret, created: true };
}
