// Runs a TypeScript file of this repo in a plain Node child process (tests only): compiles
// with @swc/core on require and resolves the '#lib' imports the way jest.config.cjs does.
const { readFileSync, existsSync } = require('node:fs');
const { join } = require('node:path');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

const root = join(__dirname, '../../../..');
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
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
process.argv.splice(1, 1);
require(process.argv[1]);
