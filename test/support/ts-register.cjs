// Lets a child process started by a test run the TypeScript sources directly, the way jest
// does (CommonJS via @swc/core): `node -r ./test/support/ts-register.cjs x.ts (or test/support/run-ts.cjs x.ts args…)`.
// It maps the '#domain' style imports to the libs' sources and `./x.js` to `./x.ts`.
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');
const { addHook } = require('pirates');
const swc = require('@swc/core');

const root = path.resolve(__dirname, '../..');
// The '#domain' style aliases, read from package.json "imports" (their compiled targets in
// dist/) and pointed at the sources, so a new lib needs no edit here.
const aliases = Object.fromEntries(
  Object.entries(require(path.join(root, 'package.json')).imports).map(([alias, target]) => [
    alias,
    path.join(root, target.replace(/^\.\/dist\//, '').replace(/\.js$/, '.ts')),
  ]),
);

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  if (aliases[request]) return aliases[request];
  if (parent && parent.filename && request.startsWith('.') && request.endsWith('.js')) {
    const ts = path.resolve(path.dirname(parent.filename), request.slice(0, -3) + '.ts');
    if (fs.existsSync(ts)) return ts;
  }
  return resolve.call(this, request, parent, ...rest);
};

addHook(
  (code, filename) =>
    swc.transformSync(code, {
      filename,
      sourceMaps: 'inline',
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
      module: { type: 'commonjs' },
    }).code,
  { exts: ['.ts'], ignoreNodeModules: true },
);
