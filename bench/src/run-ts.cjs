// Runs a TypeScript file of the benchmark in a plain Node process, without a build:
// `node bench/src/run-ts.cjs bench/src/main.ts --smoke`. Compiles with @swc/core on
// require (CommonJS, as jest does) and resolves the '#lib' imports and `./x.js` -> `./x.ts`.
// The smoke test uses it; `npm run bench` runs the compiled JavaScript instead.
const { readFileSync, existsSync } = require('node:fs');
const { join } = require('node:path');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

const root = join(__dirname, '../..');
const aliases = {
  '#domain': join(root, 'libs/domain/src/index.ts'),
  '#event-store': join(root, 'libs/event-store/src/index.ts'),
  '#projections': join(root, 'libs/projections/src/index.ts'),
};
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  if (aliases[request]) return aliases[request];
  if (request.startsWith('.') && request.endsWith('.js') && parent && parent.filename.endsWith('.ts')) {
    const ts = join(parent.filename, '..', request.replace(/\.js$/, '.ts'));
    if (existsSync(ts)) return ts;
  }
  return resolve.call(this, request, parent, ...rest);
};
require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs', ignoreDynamic: true },
  });
  module._compile(code, filename);
};
process.argv.splice(1, 1);
process.argv[1] = require('node:path').resolve(process.argv[1]);
require(process.argv[1]);
