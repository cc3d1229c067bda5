// Runs a TypeScript file of this repo as a real process (tests, benchmark): node test/support/run-ts.cjs file.ts args…
require('./ts-register.cjs');
const { resolve } = require('node:path');
const file = resolve(process.argv[2]);
process.argv.splice(1, 2, file);
require(file);
