import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse, print, specifiedRules, validate, type DocumentNode } from 'graphql';
import * as web from '../../../../web/src/gql/graphql.js';
import * as fixtures from '../../../../test/support/fixtures.js';
import { loadSecurityConfig } from '../security/security-config.js';
import { describeLimitRefusal, queryLimits } from './query-limits.js';

const schema = buildSchema(readFileSync(join(__dirname, '../../../../schema.graphql'), 'utf8'));
const { graphql: defaults } = loadSecurityConfig({});
const { validationRules } = queryLimits(defaults);

function refusals(document: DocumentNode): string[] {
  return validate(schema, document, [...specifiedRules, ...validationRules]).map((e) =>
    describeLimitRefusal(e.message),
  );
}

const webDocuments = Object.entries(web).filter((entry): entry is [string, DocumentNode] =>
  entry[0].endsWith('Document'),
);
const fixtureQueries = (Object.entries(fixtures) as [string, unknown][]).filter(
  (entry): entry is [string, string] =>
    typeof entry[1] === 'string' && /^\s*(query|mutation|\{)/.test(entry[1]),
);

describe('query limits (defaults)', () => {
  it('defaults: depth 10, cost 5000, 15 aliases, 2000 tokens, 50 directives', () => {
    expect(defaults).toMatchObject({
      maxDepth: 10,
      maxCost: 5000,
      maxAliases: 15,
      maxTokens: 2000,
      maxDirectives: 50,
    });
  });

  it.each(webDocuments)('the web board operation %s passes', (_name, document) => {
    expect(refusals(parse(print(document)))).toEqual([]);
  });

  it.each(fixtureQueries)('the e2e fixture %s passes', (_name, query) => {
    expect(refusals(parse(query))).toEqual([]);
  });

  it('the largest page of the richest task list passes', () => {
    const query = `query($first: Int) { tasks(first: $first) { totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { ${fixtures.TASK_FIELDS} reminders { kind deadline sentAt channel recipient }
      history { position type occurredAt actor { id name role unitId } data hash previousHash } } } } }`;
    expect(refusals(parse(query))).toEqual([]);
  });

  it('a query nested deeper than 10 levels is refused', () => {
    const query = `{ tasks { edges { node { history { actor { id } } } } } board { cells { unit { id } } } }`;
    expect(refusals(parse(query))).toEqual([]);
    const deep = `{ ${'a { '.repeat(11)} b ${'}'.repeat(11)} }`;
    expect(refusals(parse(deep))).toContain('Query depth limit of 10 exceeded, found 12.');
  });

  it('more than 15 aliases are refused', () => {
    const aliased = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `u${i}: units { id }`).join(' ')} }`;
    expect(refusals(parse(aliased(15)))).toEqual([]);
    expect(refusals(parse(aliased(16)))).toContain('Aliases limit of 15 exceeded, found 16.');
  });

  it('a literal page size multiplies the cost', () => {
    const page = (first: number) =>
      `{ tasks(first: ${first}) { edges { node { ${fixtures.TASK_FIELDS} } } } }`;
    expect(refusals(parse(page(10)))).toEqual([]);
    expect(refusals(parse(page(200))).join()).toMatch(/^Query Cost limit of 5000 exceeded/);
  });
});
