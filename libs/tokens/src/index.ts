export * from './sign-token.js';
export * from './token-config.js';
