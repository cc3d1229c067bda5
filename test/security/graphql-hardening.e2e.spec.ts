import Database from 'better-sqlite3';
import { createClient } from 'graphql-ws';
import { join } from 'node:path';
import WebSocket from 'ws';
import { TestApp } from '../support/harness.js';
import { MANAGEMENT_MANAGER, OFFICE, REGISTER_UNIT, registerOrganisation } from '../support/fixtures.js';
import { OpsApp, seedTask } from '../ops/support/ops-app.js';
import { gql, postRaw, type RawAnswer } from './support/raw-http.js';

jest.setTimeout(60_000);

const codeOf = (answer: RawAnswer) => answer.body.errors?.[0]?.extensions?.code;
const messages = (answer: RawAnswer) => (answer.body.errors ?? []).map((e) => e.message).join('\n');

describe('GraphQL hardening (defaults)', () => {
  let app: TestApp;
  let token: string;
  let url: string;

  beforeAll(async () => {
    app = await TestApp.start();
    url = app.running.graphqlUrl;
    token = await app.token(OFFICE);
    const office = await app.client(OFFICE);
    await registerOrganisation(office);
  });

  afterAll(() => app?.stop());

  /** Refused before execution: 400, BAD_USER_INPUT, no data, quickly. */
  const expectRefused = (answer: RawAnswer, message: RegExp) => {
    expect(answer.status).toBe(400);
    expect(codeOf(answer)).toBe('BAD_USER_INPUT');
    expect(answer.body.data ?? null).toBeNull();
    expect(messages(answer)).toMatch(message);
    expect(answer.ms).toBeLessThan(2000);
  };

  describe('query shape', () => {
    it('a query 50 levels deep is refused quickly with the depth limit', async () => {
      const deep = `{ ${'tasks { edges { node { '.repeat(1)}${'unit { '.repeat(47)} id ${'}'.repeat(50)} }`;
      expectRefused(await gql(url, token, deep), /Query depth limit of 10 exceeded, found 51\./);
    });

    it('a query with 1,000 aliases is refused quickly', async () => {
      const aliases = `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: units { id }`).join(' ')} }`;
      expectRefused(await gql(url, token, aliases), /^(Token limit of 2000|Aliases limit of 15) exceeded/);
    });

    it('16 aliases are refused by the alias cap (15), 15 pass', async () => {
      const aliased = (n: number) =>
        `{ ${Array.from({ length: n }, (_, i) => `u${i}: units { id }`).join(' ')} }`;
      expectRefused(await gql(url, token, aliased(16)), /^Aliases limit of 15 exceeded, found 16\.$/);
      expect((await gql(url, token, aliased(15))).status).toBe(200);
    });

    it('an expensive query (a literal page of 200 rich tasks) is refused by the cost limit', async () => {
      const fields =
        'id title description history { position type data actor { id name } } reminders { kind }';
      expectRefused(
        await gql(url, token, `{ tasks(first: 200) { edges { node { ${fields} } } } }`),
        /^Query Cost limit of 5000 exceeded/,
      );
    });

    it('more than 2,000 tokens are refused while parsing', async () => {
      const fields = Array.from({ length: 2100 }, () => '__typename').join(' ');
      expectRefused(await gql(url, token, `{ ${fields} }`), /^Token limit of 2000 exceeded\.$/);
    });

    it('page sizes beyond the caps (tasks 200, auditLog 1000) are BAD_USER_INPUT', async () => {
      const tasks = await gql(url, token, 'query($n: Int) { tasks(first: $n) { totalCount } }', { n: 201 });
      expect(codeOf(tasks)).toBe('BAD_USER_INPUT');
      const audit = await gql(url, token, 'query($n: Int) { auditLog(first: $n) { edges { cursor } } }', {
        n: 1001,
      });
      expect(codeOf(audit)).toBe('BAD_USER_INPUT');
      const full = await gql(url, token, 'query($n: Int) { auditLog(first: $n) { edges { cursor } } }', {
        n: 1000,
      });
      expect(full.status).toBe(200);
    });
  });

  describe('request shape', () => {
    it('a 10 MB body is refused with 413 before it is read, token or not', async () => {
      const body = JSON.stringify({
        query: '{ units { id } }',
        variables: { x: 'x'.repeat(10 * 1024 * 1024) },
      });
      const headerSets: Record<string, string>[] = [{ authorization: `Bearer ${token}` }, {}];
      for (const headers of headerSets) {
        const answer = await postRaw(url, body, headers);
        expect(answer.status).toBe(413);
        expect(codeOf(answer)).toBe('BAD_USER_INPUT');
        expect(messages(answer)).toBe('request body is larger than the limit of 262144 bytes');
        expect(answer.body.errors?.[0]?.extensions?.requestId).toBe(answer.headers.get('x-request-id'));
        expect(answer.ms).toBeLessThan(3000);
      }
    });

    it('a batch (a JSON array of operations) is refused', async () => {
      const answer = await postRaw(
        url,
        JSON.stringify([{ query: '{ units { id } }' }, { query: '{ units { id } }' }]),
        {
          authorization: `Bearer ${token}`,
        },
      );
      expect(answer.status).toBe(400);
      expect(messages(answer)).toMatch(/batched operations are not accepted/);
    });

    it('a body that is not JSON is BAD_USER_INPUT, not a stack trace', async () => {
      const answer = await postRaw(url, '{"query": "{ units { id } }"', { authorization: `Bearer ${token}` });
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toEqual([
        {
          message: 'request body is not valid JSON',
          extensions: { code: 'BAD_USER_INPUT', requestId: expect.any(String) },
        },
      ]);
    });

    it('responses say nosniff and not which framework answers', async () => {
      const answer = await gql(url, token, '{ units { id } }');
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('x-powered-by')).toBeNull();
    });
  });

  describe('CSRF prevention', () => {
    it('requests a browser sends cross-site without a preflight are refused (text/plain, form, multipart)', async () => {
      for (const contentType of [
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
      ]) {
        const answer = await postRaw(url, JSON.stringify({ query: '{ units { id } }' }), {
          authorization: `Bearer ${token}`,
          'content-type': contentType,
          origin: 'https://evil.example.com',
        });
        expect(answer.status).toBe(400);
        expect(messages(answer)).toMatch(/Cross-Site Request Forgery/);
      }
    });

    it('a GET without a preflight header is refused; the board’s JSON POSTs (same origin) pass', async () => {
      const get = await fetch(`${url}?query=${encodeURIComponent('{ units { id } }')}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(get.status).toBe(400);
      const post = await gql(url, token, '{ units { id } }', undefined, { origin: app.running.url });
      expect(post.status).toBe(200);
    });

    it('graphql-ws subscriptions still connect', async () => {
      const client = createClient({
        url: app.running.wsUrl,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${token}` },
        retryAttempts: 0,
        lazy: false,
      });
      await new Promise<void>((resolve, reject) => {
        client.on('connected', () => resolve());
        client.on('closed', () => reject(new Error('closed')));
      });
      await client.dispose();
    });
  });

  describe('introspection', () => {
    it('is on in development', async () => {
      const answer = await gql(url, token, '{ __schema { queryType { name } } }');
      expect(answer.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    });

    it('is off under NODE_ENV=production (field suggestions too), unless GRAPHQL_INTROSPECTION=true', async () => {
      const production = await TestApp.start({ env: { NODE_ENV: 'production' } });
      const forced = await TestApp.start({ env: { NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' } });
      try {
        const prodToken = await production.token(OFFICE);
        const refused = await gql(
          production.running.graphqlUrl,
          prodToken,
          '{ __schema { queryType { name } } }',
        );
        expect(refused.status).toBe(400);
        expect(codeOf(refused)).toBe('BAD_USER_INPUT');
        expect(messages(refused)).toMatch(/introspection is not allowed/i);
        const typo = await gql(production.running.graphqlUrl, prodToken, '{ unit { id } }');
        expect(messages(typo)).not.toMatch(/Did you mean/);
        const devTypo = await gql(url, token, '{ unit { id } }');
        expect(messages(devTypo)).toMatch(/Did you mean "units"/);
        const allowed = await gql(
          forced.running.graphqlUrl,
          await forced.token(OFFICE),
          '{ __schema { queryType { name } } }',
        );
        expect(allowed.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
      } finally {
        await production.stop();
        await forced.stop();
      }
    });
  });
});

describe('error masking', () => {
  let app: OpsApp;
  let taskId: string;

  beforeAll(async () => {
    app = await OpsApp.start();
    taskId = await seedTask(app);
  });

  afterAll(() => app?.stop());

  it('an internal failure answers a bare INTERNAL_SERVER_ERROR; the log has the detail under the same request id', async () => {
    // A damaged read model row: reading it throws deep inside the server.
    const db = new Database(join(app.config.dataDir, 'read-model.db'));
    db.prepare(`UPDATE tasks SET state = '{"broken' WHERE id = ?`).run(taskId);
    db.close();

    const answer = await app.graphql(
      OFFICE,
      'query($id: ID!) { task(id: $id) { id title } }',
      { id: taskId },
      {
        'x-request-id': 'sec-test-42',
      },
    );
    expect(answer.errors).toEqual([
      {
        message: 'internal error',
        path: ['task'],
        locations: expect.any(Array),
        extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'sec-test-42' },
      },
    ]);
    const text = JSON.stringify(answer);
    expect(text).not.toMatch(/stack|SyntaxError|JSON|\.ts:|\.js:|SELECT|sqlite|\/tmp\//i);

    const logged = app.log.find(
      (line) => line.context === 'GraphQLError' && line.requestId === 'sec-test-42',
    );
    expect(logged).toBeDefined();
    expect(String(logged?.msg)).toMatch(/SyntaxError/);
    expect(String(logged?.stack)).toMatch(/\n\s+at /);
  });

  it('every refusal carries the request id of its response', async () => {
    const answer = await app.graphql(MANAGEMENT_MANAGER, REGISTER_UNIT, { input: { id: 'x', name: 'x' } });
    expect(answer.errors?.[0]?.extensions).toEqual({
      code: 'FORBIDDEN',
      requestId: answer.headers.get('x-request-id'),
    });
    const unauthenticated = await app.graphql(null, '{ units { id } }');
    expect(unauthenticated.errors?.[0]?.extensions?.requestId).toBe(
      unauthenticated.headers.get('x-request-id'),
    );
  });
});

describe('rate limits per actor', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start({
      env: { RATE_LIMIT_REQUESTS: '6', RATE_LIMIT_MUTATIONS: '2', RATE_LIMIT_WINDOW: '60' },
    });
  });

  afterAll(() => app?.stop());

  it('over the mutation budget: SERVICE_UNAVAILABLE (reason RATE_LIMITED, 429, Retry-After), nothing written; others unaffected', async () => {
    const url = app.running.graphqlUrl;
    const office = await app.token(OFFICE);
    const other = await app.token({ id: 'office-2', role: 'office' });
    const register = (token: string, id: string) =>
      gql(url, token, 'mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }', {
        input: { id, name: id },
      });
    expect((await register(office, 'u1')).status).toBe(200);
    expect((await register(office, 'u2')).status).toBe(200);
    const refused = await register(office, 'u3');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      reason: 'RATE_LIMITED',
      retryAfter: expect.any(Number),
      requestId: expect.any(String),
    });

    // Another actor has budgets of its own, and sees that u3 was never written.
    const { body } = await gql(url, other, '{ units { id } }');
    expect(body.data).toEqual({ units: [{ id: 'u1' }, { id: 'u2' }] });
    expect((await register(other, 'u4')).status).toBe(200);

    // Queries count against the request budget (6 root fields: 3 mutations + 3 queries).
    for (let i = 0; i < 3; i++) expect((await gql(url, office, '{ programs { id } }')).status).toBe(200);
    expect((await gql(url, office, '{ programs { id } }')).status).toBe(429);
  });
});
