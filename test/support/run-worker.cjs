// Entry point for tests that start the worker as a real process from its TypeScript sources.
require('./ts-register.cjs');
require('../../apps/worker/src/main.ts');
