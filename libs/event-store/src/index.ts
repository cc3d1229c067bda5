export * from './event-store.port.js';
export * from './hash-chain.js';
export * from './command-pipeline.js';
export * from './sqlite/sqlite-event-store.js';
export * from './postgres/postgres-event-store.js';
export * from './kurrentdb/kurrentdb-event-store.js';
export * from './upcasting/upcast.js';
export * from './audit/audit-digest.js';
