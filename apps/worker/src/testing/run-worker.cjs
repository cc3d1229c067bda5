// Entry point for tests that start the worker as a real process from its TypeScript sources.
require('../../../../test/support/ts-register.cjs');
require('../main.ts');
