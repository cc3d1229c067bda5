// `node test/web/support/serve-demo.cjs`: the demo board on a random port (see serve-demo.ts).
require('../../support/ts-register.cjs');
require('./serve-demo.ts');
