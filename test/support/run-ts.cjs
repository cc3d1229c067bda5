// Runs a TypeScript entry point (a CLI's *.main.ts) as a real process: node run-ts.cjs file.ts args…
require('../../../apps/worker/src/testing/ts-register.cjs');
const { resolve } = require('node:path');
const file = resolve(process.argv[2]);
process.argv.splice(1, 2, file);
require(file);
