import { buildClientSchema, getIntrospectionQuery, parse, validate, type IntrospectionQuery } from 'graphql';
import { SqliteEventStore } from '#event-store';
import { loadDemo } from '../../apps/cli/src/demo.js';
import { EXAMPLES } from '../../apps/api/src/graphiql/examples.js';
import { graphiqlEnabled } from '../../apps/api/src/graphiql/graphiql.js';
import { OpsApp, type Caller } from './support/ops-app.js';

jest.setTimeout(60_000);

const CALLERS: Record<string, Caller> = {
  office: { id: 'office-1', role: 'office' },
  unit_manager: { id: 'mgr-management', role: 'unit_manager', unit: 'management' },
  auditor: { id: 'auditor-1', role: 'auditor' },
  worker: { id: 'reminder-worker', role: 'worker' },
};

describe('the GraphQL playground at /graphiql', () => {
  let app: OpsApp;

  beforeAll(async () => {
    app = await OpsApp.start();
    const store = SqliteEventStore.open(app.config.eventsDbPath);
    await loadDemo(store);
    await store.close();
  });

  afterAll(async () => {
    await app.stop();
  });

  it('serves a page, its script and stylesheet from the server itself: nothing from a CDN', async () => {
    const page = await app.get('/graphiql');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.text).toContain('<script src="/graphiql/playground.js">');
    const script = await app.get('/graphiql/playground.js');
    const style = await app.get('/graphiql/playground.css');
    expect(script.status).toBe(200);
    expect(style.status).toBe(200);
    for (const text of [page.text, script.text, style.text]) {
      expect(text).not.toMatch(/<script[^>]+src="https?:|@import|cdn|unpkg|jsdelivr|googleapis/i);
    }
    expect(script.text).toContain('"/graphql"');
  });

  it('offers example operations for every role, each valid against the served schema', async () => {
    expect(new Set(EXAMPLES.map((e) => e.role))).toEqual(new Set(Object.keys(CALLERS)));
    const introspection = await app.ok<IntrospectionQuery>(CALLERS.office, getIntrospectionQuery());
    const schema = buildClientSchema(introspection);
    for (const example of EXAMPLES) {
      expect({
        title: example.title,
        errors: validate(schema, parse(example.query)).map((e) => e.message),
      }).toEqual({
        title: example.title,
        errors: [],
      });
    }
  });

  it('the read-only examples answer without errors for their role on the demo data', async () => {
    for (const example of EXAMPLES.filter((e) => !e.query.trimStart().startsWith('mutation'))) {
      const result = await app.graphql(CALLERS[example.role], example.query, example.variables ?? {});
      expect({ title: example.title, errors: result.errors ?? [] }).toEqual({
        title: example.title,
        errors: [],
      });
    }
  });

  it('is off in production unless GRAPHIQL=true', () => {
    expect(graphiqlEnabled({})).toBe(true);
    expect(graphiqlEnabled({ NODE_ENV: 'production' })).toBe(false);
    expect(graphiqlEnabled({ NODE_ENV: 'production', GRAPHIQL: 'true' })).toBe(true);
    expect(graphiqlEnabled({ GRAPHIQL: 'false' })).toBe(false);
  });

  it('a production server does not serve it', async () => {
    const saved = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    const production = await OpsApp.start().finally(() => {
      process.env.NODE_ENV = saved;
    });
    try {
      const page = await production.get('/graphiql');
      expect(page.text).not.toContain('playground.js');
    } finally {
      await production.stop();
    }
  });
});
