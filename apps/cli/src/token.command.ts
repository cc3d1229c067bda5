import { ROLES, type Role } from '#domain';
import { Command, InvalidArgumentError, Option } from 'commander';
import { loadTokenSigningConfig, signToken, TokenConfigError, type TokenSigningConfig } from '#tokens';

/**
 * `chessboard token --role office --sub office-1 [--unit ID] [--name N] [--ttl 12h]`
 * Prints a JWT signed with the secret the server uses (AUTH_JWT_SECRET, else DATA_DIR/jwt-secret).
 * Commander's own exit codes (1 on bad usage), not runMain's: as it always behaved.
 */
export const tokenCommand = (): Command => {
  const program: Command = new Command('token')
    .description('Print a bearer token for the Chessboard API, signed with the server secret')
    .addOption(
      new Option('--role <role>', 'office | unit_manager | auditor | worker')
        .choices(ROLES)
        .makeOptionMandatory(),
    )
    .requiredOption('--sub <id>', 'actor id (the sub claim), e.g. office-1')
    .option('--unit <id>', 'unit id (required for --role unit_manager), e.g. management')
    .option('--name <name>', 'display name')
    .option(
      '--ttl <span>',
      'lifetime, e.g. 30m, 12h, 7d',
      (value) => {
        if (!/^\d+\s*(s|sec|secs|m|min|mins|h|hr|hrs|d|day|days|w|week|weeks)$/i.test(value)) {
          throw new InvalidArgumentError('use a number and a unit, e.g. 30m, 12h or 7d');
        }
        return value;
      },
      '12h',
    )
    .action(async (options: { role: Role; sub: string; unit?: string; name?: string; ttl: string }) => {
      if (options.role === 'unit_manager' && !options.unit)
        program.error('--unit is required for --role unit_manager');
      let config: TokenSigningConfig;
      try {
        config = loadTokenSigningConfig();
      } catch (error) {
        if (error instanceof TokenConfigError) program.error(`invalid configuration: ${error.message}`);
        throw error;
      }
      const { hs256, issuer, audience, secret } = config;
      if (!hs256) program.error('AUTH_HS256=false: the server accepts identity-provider tokens only');
      const token = await signToken(
        { sub: options.sub, role: options.role, unit: options.unit, name: options.name, ttl: options.ttl },
        secret,
        { issuer, audience },
      );
      process.stdout.write(`${token}\n`);
    });
  return program;
};
