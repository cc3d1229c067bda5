import { loadOrCreateJwtSecret, loadStorageConfig, readEnvironment, StorageConfigError } from '#storage';
import { z } from 'zod';

/** An environment flag: true/false, 1/0, yes/no, on/off, any case. */
export const envBoolean = () =>
  z
    .string()
    .transform((value) => value.trim().toLowerCase())
    .refine((value) => ['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'].includes(value), {
      message: 'must be true or false',
    })
    .transform((value) => ['true', '1', 'yes', 'on'].includes(value));

/** A comma-separated list, blanks dropped: `a, b,` is ['a', 'b']. */
export const envList = () =>
  z.string().transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );

/** The variables that decide which HS256 tokens the API accepts, so a signer can match them. */
export const tokenClaimsEnvShape = {
  AUTH_HS256: envBoolean().optional(),
  AUTH_ISSUER: z.string().min(1).max(500).optional(),
  AUTH_AUDIENCE: envList()
    .refine((auds) => auds.length > 0, { message: 'must name at least one audience' })
    .optional(),
};

export const jwtSecretEnvShape = {
  AUTH_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
};

const signingEnvSchema = z.object({ ...jwtSecretEnvShape, ...tokenClaimsEnvShape });

/** A token-signing variable is wrong: the message starts with its name (never a secret's value). */
export class TokenConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenConfigError';
  }
}

export interface TokenSigningConfig {
  /** AUTH_HS256=false: the API accepts identity-provider tokens only. */
  readonly hs256: boolean;
  readonly secret: string;
  readonly issuer: string | null;
  readonly audience: readonly string[] | null;
}

/**
 * What signing a token the API accepts needs, and nothing else the API reads: the secret is
 * AUTH_JWT_SECRET, else DATA_DIR/jwt-secret (created on first use, as the API does).
 */
export function loadTokenSigningConfig(env: NodeJS.ProcessEnv = process.env): TokenSigningConfig {
  const e = readEnvironment(
    signingEnvSchema,
    env,
    new Set(['AUTH_JWT_SECRET']),
    (message) => new TokenConfigError(message),
  );
  return {
    hs256: e.AUTH_HS256 ?? true,
    secret: e.AUTH_JWT_SECRET ?? secretFromDataDir(env),
    issuer: e.AUTH_ISSUER ?? null,
    audience: e.AUTH_AUDIENCE ?? null,
  };
}

function secretFromDataDir(env: NodeJS.ProcessEnv): string {
  let dataDir: string;
  try {
    dataDir = loadStorageConfig(env).dataDir;
    return loadOrCreateJwtSecret(dataDir).secret;
  } catch (error) {
    if (error instanceof StorageConfigError) throw new TokenConfigError(error.message);
    const code = (error as { code?: unknown }).code;
    throw new TokenConfigError(
      `DATA_DIR: cannot use ${dataDir!} (${typeof code === 'string' ? code : String(error)})`,
    );
  }
}
