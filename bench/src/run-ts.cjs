// Runs a TypeScript file in a plain Node process, without a build (tests and the bench smoke
// run): `node bench/src/run-ts.cjs file.ts args…`. Compiling and the '#lib' imports are the shared
// ts-register's (CommonJS via @swc/core, as jest does).
require('../../apps/worker/src/testing/ts-register.cjs');
const { resolve } = require('node:path');
const file = resolve(process.argv[2]);
process.argv.splice(1, 2, file);
require(file);
