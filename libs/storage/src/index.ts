export * from './storage-config.js';
export * from './storage-connector.js';
export * from './jwt-secret.js';
export * from './deferred-storage.js';
export * from './environment.js';
