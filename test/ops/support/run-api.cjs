// Runs apps/api/src/main.ts as a real process from the TypeScript sources (the code the
// build emits), the way `npm start` runs dist/apps/api/src/main.js.
require('../../support/ts-register.cjs');
require('../../../apps/api/src/main.ts');
