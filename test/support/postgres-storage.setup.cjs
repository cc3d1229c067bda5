// setupFiles of the `e2e-postgres` jest project: the same end-to-end suite, with the event
// store and the read model in PostgreSQL (test/support/harness.ts reads E2E_STORAGE).
process.env.E2E_STORAGE = 'postgres';
