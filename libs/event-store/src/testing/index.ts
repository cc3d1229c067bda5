// Test-only entry: the contract suite uses jest globals, so it stays out of the production barrel.
export * from './event-store.contract.js';
