import { programDecider, programStream, unitDecider, unitStream } from '#domain';
import { handleCommand, type EventStore } from '#event-store';
import { DEMO_OFFICE } from '../../demo.js';
import { DEMO_PROGRAMS, DEMO_UNITS } from '../../demo-plan.js';

/** The 2023 report's units and programmes, as `npm run demo` registers them. */
export async function registerDirectory(store: EventStore): Promise<void> {
  const metadata = { actor: DEMO_OFFICE, now: '2023-01-01T00:00:00.000Z' };
  const ctx = { ...metadata, correlationId: 'setup' };
  for (const unit of DEMO_UNITS) {
    await handleCommand(
      store,
      unitStream(unit.id),
      unitDecider,
      { type: 'RegisterUnit', data: { unitId: unit.id, name: unit.name, contacts: unit.contacts }, metadata },
      ctx,
    );
  }
  for (const program of DEMO_PROGRAMS) {
    await handleCommand(
      store,
      programStream(program.id),
      programDecider,
      {
        type: 'RegisterProgram',
        data: { programId: program.id, name: program.name, region: program.region },
        metadata,
      },
      ctx,
    );
  }
}
