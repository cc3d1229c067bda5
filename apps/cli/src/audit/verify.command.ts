/**
 * `chessboard audit verify FILE [--digest HEX]`: checks an audit bundle offline — no
 * database, no server, no configuration: every hash, every chain link, the manifest's
 * digest, and (with --digest) that it equals a digest anchored earlier. Exit 0: verified;
 * 1: broken (the first broken event is named); 2: unreadable or bad usage.
 */
import { Command } from 'commander';
import { subcommand } from '../shared/cli.js';
import { UsageError } from '../shared/instants.js';
import { verifyAuditBundleFile } from './verify-bundle.js';

export const auditVerifyCommand = (): Command =>
  subcommand(
    new Command('verify')
      .description('Verify an audit bundle offline.')
      .argument('<file>', 'the bundle written by audit export')
      .option(
        '--digest <hex>',
        'a digest recorded earlier (auditDigest or an earlier export) that must match',
      ),
    'audit:verify',
    verify,
  );

async function verify(command: Command): Promise<number> {
  const [file] = command.args;
  const { digest } = command.opts<{ digest?: string }>();
  if (digest !== undefined && !/^[0-9a-f]{64}$/.test(digest)) {
    throw new UsageError('--digest: expected 64 lower-case hex digits');
  }
  let verdict;
  try {
    verdict = await verifyAuditBundleFile(file, { anchor: digest ?? null });
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  if (!verdict.ok) {
    console.log(`FAILED ${file}`);
    console.log(`  ${verdict.reason}`);
    if (verdict.streamId !== null) {
      console.log(
        `  first broken event: ${verdict.streamId} revision ${verdict.revision}` +
          (verdict.line !== null ? `, line ${verdict.line}` : '') +
          (verdict.position !== null ? `, position ${verdict.position}` : ''),
      );
    } else if (verdict.line !== null) {
      console.log(`  at line ${verdict.line}`);
    }
    return 1;
  }
  console.log(`OK ${file}`);
  console.log(
    `  ${verdict.events} events in ${verdict.streams} complete stream chains: every hash and link verified`,
  );
  console.log(`  as of ${verdict.asOf}: digest ${verdict.digest} over ${verdict.digestStreams} stream heads`);
  console.log(
    verdict.anchored
      ? '  the digest matches the anchored one'
      : '  compare the digest with one recorded outside the system (auditDigest) to rule out a rewritten history',
  );
  return 0;
}
