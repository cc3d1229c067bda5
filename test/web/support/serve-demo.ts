/**
 * A throwaway API with the demo plan and the built board, for looking at the board by hand:
 * `node test/web/support/serve-demo.cjs`
 * prints an office, a unit manager and an auditor token.
 */
import { AUDITOR, MANAGEMENT_MANAGER, OFFICE } from '../../support/fixtures.js';
import { startDemoApp } from './web-app.js';

async function main(): Promise<void> {
  const app = await startDemoApp();
  console.log(`board: ${app.running.url}/`);
  for (const caller of [OFFICE, { ...MANAGEMENT_MANAGER, id: 'manager-management' }, AUDITOR]) {
    console.log(`${caller.role}: ${await app.token({ ...caller, ttl: '12h' })}`);
  }
}

void main();
