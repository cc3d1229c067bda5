/**
 * Byte identity of the fast envelope path (envelope.ts: copyPlainJson; hash-chain.ts: the
 * one-pass canonicalJson and computeEventHash) with the implementation it replaced, kept
 * below as the reference: the JSON round trip, the map/join serializer and createHash. The
 * stored JSON text, the canonical text and the hash of every event must not change, or
 * existing logs and audit exports would stop verifying.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { currentSchemaVersion, EVENT_SCHEMAS, ValidationError, type Actor } from '#domain';
import { buildEnvelopes, normalizeInstant, type UnpositionedEvent } from './envelope.js';
import type { AppendOptions, EventMetadata, NewEvent } from './event-store.port.js';
import { canonicalJson, computeEventHash, type HashableEvent } from './hash-chain.js';

// ---- The reference: envelope.ts and hash-chain.ts before the fast path, verbatim. ----

function referenceAsStored(field: string, value: unknown): unknown {
  try {
    return value === undefined ? null : JSON.parse(JSON.stringify(value));
  } catch {
    throw new ValidationError(field, 'must be JSON (no bigint, no cycles)');
  }
}

function referenceCanonicalJson(value: unknown): string {
  const text = referenceEncode(value);
  if (text === undefined)
    throw new TypeError('canonicalJson: the value is not JSON (undefined or a function)');
  return text;
}

function referenceEncode(value: unknown): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not a JSON number`);
      return JSON.stringify(value);
    case 'bigint':
      throw new TypeError('canonicalJson: bigint is not allowed in event data; use a string');
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
  const withToJson = value as { toJSON?: () => unknown };
  if (typeof withToJson.toJSON === 'function') return referenceEncode(withToJson.toJSON());
  if (Array.isArray(value)) return `[${value.map((item) => referenceEncode(item) ?? 'null').join(',')}]`;
  const record = value as Record<string, unknown>;
  const members: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const encoded = referenceEncode(record[key]);
    if (encoded !== undefined) members.push(`${JSON.stringify(key)}:${encoded}`);
  }
  return `{${members.join(',')}}`;
}

function referenceComputeEventHash(event: HashableEvent, previousHash: string | null): string {
  const { hash: _ignored, ...metadata } = event.metadata;
  const body = referenceCanonicalJson({
    streamId: event.streamId,
    revision: event.revision,
    type: event.type,
    data: event.data,
    metadata,
  });
  return createHash('sha256')
    .update(body + (previousHash ?? ''), 'utf8')
    .digest('hex');
}

/** buildEnvelopes before the change, minus the ids (random without an idempotencyKey). */
function referenceBuildEnvelopes(
  streamId: string,
  events: readonly NewEvent[],
  options: AppendOptions,
  current: number,
  previousHash: string | null,
): Omit<UnpositionedEvent, 'id'>[] {
  const occurredAt = normalizeInstant('occurredAt', options.occurredAt);
  const key = options.idempotencyKey;
  const built: Omit<UnpositionedEvent, 'id'>[] = [];
  let previous = previousHash;
  events.forEach((event, index) => {
    const revision = current + 1 + index;
    const data = referenceAsStored('data', event.data);
    const metadata = referenceAsStored('metadata', {
      actor: options.actor,
      correlationId: options.correlationId,
      causationId: options.causationId ?? null,
      occurredAt,
      schemaVersion: event.schemaVersion ?? currentSchemaVersion(EVENT_SCHEMAS, event.type),
      ...(key === undefined ? {} : { idempotencyKey: key }),
      previousHash: previous,
    }) as Omit<EventMetadata, 'hash'>;
    const hash = referenceComputeEventHash(
      { streamId, revision, type: event.type, data, metadata },
      previous,
    );
    built.push({ streamId, revision, type: event.type, data, metadata: { ...metadata, hash } });
    previous = hash;
  });
  return built;
}

// ---- Comparison helpers ----

type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

function outcome<T>(run: () => T): Outcome<T> {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    const e = error as Error;
    return { ok: false, error: `${e.constructor.name}: ${e.message}` };
  }
}

/** What a store writes and hashes, as text: JSON.stringify of data and metadata, plus the hash and canonical body. */
function storedTexts(events: readonly Omit<UnpositionedEvent, 'id'>[]) {
  return events.map((event) => ({
    data: JSON.stringify(event.data),
    metadata: JSON.stringify(event.metadata),
    canonicalData: referenceCanonicalJson(event.data),
    hash: event.metadata.hash,
  }));
}

function expectSameEnvelopes(
  streamId: string,
  events: readonly NewEvent[],
  options: AppendOptions,
  current: number,
  previousHash: string | null,
): void {
  const expected = outcome(() => referenceBuildEnvelopes(streamId, events, options, current, previousHash));
  const actual = outcome(() =>
    buildEnvelopes(streamId, events, options, current, previousHash).map(({ id: _id, ...rest }) => rest),
  );
  if (!expected.ok || !actual.ok) {
    expect(actual).toEqual(expected);
    return;
  }
  // toEqual compares with Object.is at the leaves: -0 against 0 and key sets are checked,
  // and the texts below pin key order and every byte.
  expect(actual.value).toEqual(expected.value);
  expect(storedTexts(actual.value)).toEqual(storedTexts(expected.value));
  actual.value.forEach((event, index) => {
    expect(Object.keys(event.data ?? {})).toEqual(Object.keys(expected.value[index].data ?? {}));
    expect(Object.keys(event.metadata)).toEqual(Object.keys(expected.value[index].metadata));
  });
}

function expectSameCanonical(value: unknown): void {
  const expected = outcome(() => referenceCanonicalJson(value));
  expect(outcome(() => canonicalJson(value))).toEqual(expected);
}

// ---- Arbitraries ----

const awkwardChar = fc.oneof(
  fc.constantFrom(
    '"',
    '\\',
    '\n',
    '\u0000',
    '\u001f',
    '\u007f',
    '\u2028',
    '\ud800',
    '\udfff',
    '\ud83d\ude00',
  ),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.integer({ min: 0x4e00, max: 0x9fff }).map((code) => String.fromCharCode(code)),
);
const awkwardString = fc.string({ unit: awkwardChar, maxLength: 12 });
const chinese = (min: number, max: number) =>
  fc.string({
    unit: fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((code) => String.fromCharCode(code)),
    minLength: min,
    maxLength: max,
  });

const awkwardNumber = fc.oneof(
  fc.double(),
  fc.constantFrom(-0, 0, 1e21, -1e21, 1e-7, 5e-324, Number.MAX_VALUE, Number.MAX_SAFE_INTEGER + 2),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
  fc.integer(),
);

/** JSON-ish values with everything JSON.stringify treats specially mixed in. */
const { value: hostile } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.constant(undefined),
    fc.boolean(),
    awkwardNumber,
    awkwardString,
    fc.bigInt(),
    fc.constant(() => 1),
    fc.constant(Symbol('s')),
    fc.date({ noInvalidDate: false }),
    tie('value').map((inner) => ({ toJSON: () => inner })),
    tie('value').map((inner) => Object.assign(Object.create(null) as object, { inner })),
    fc.constant(Object.create(null) as object),
    awkwardString.map((text) => Object.assign(Object.create(null) as object, { [text]: text })),
    fc.constantFrom(new String('ab'), new Number(-0), new Boolean(false), new Map([[1, 2]]), new Set([1])),
    fc.constantFrom(new Uint8Array([1, 2]), /re/g, new Error('e')),
    fc.constantFrom(
      JSON.parse('{"__proto__":{"x":1},"a":2}') as unknown,
      JSON.parse('{"b":1,"__proto__":null}') as unknown,
    ),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.sparseArray(tie('value'), { maxLength: 5 }),
    fc.dictionary(
      fc.oneof(awkwardString, fc.constantFrom('2', '10', 'toString', 'constructor')),
      tie('value'),
      {
        maxKeys: 5,
      },
    ),
  ),
}));

const actor: fc.Arbitrary<Actor> = fc.record(
  {
    id: fc.oneof(fc.string({ maxLength: 12 }), awkwardString),
    role: fc.constantFrom('office', 'unit_manager', 'worker' as const),
    unitId: fc.oneof(fc.constant(undefined), fc.string({ maxLength: 8 })),
    name: fc.oneof(fc.constant(undefined), chinese(1, 10)),
  },
  { requiredKeys: ['id', 'role'] },
) as fc.Arbitrary<Actor>;

const options: fc.Arbitrary<AppendOptions> = fc.record(
  {
    expectedRevision: fc.constant('any' as const),
    actor,
    occurredAt: fc
      .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString()),
    correlationId: fc.uuid(),
    causationId: fc.oneof(fc.constant(undefined), fc.constant(null), fc.uuid()),
    idempotencyKey: fc.oneof(fc.constant(undefined), awkwardString),
  },
  { requiredKeys: ['expectedRevision', 'actor', 'occurredAt', 'correlationId'] },
);

const metricKeys = ['trainees', 'students', 'courses', 'plans', 'teachers', 'bases', 'months', 'value'];
const metrics = fc.uniqueArray(fc.record({ key: fc.constantFrom(...metricKeys), value: fc.nat(5_000_000) }), {
  minLength: 2,
  maxLength: 4,
  selector: (m) => m.key,
});

/** The benchmark's shapes (bench/src/workload.ts): Chinese text of 20–200 characters, 2–4 metrics. */
const realisticEvent: fc.Arbitrary<NewEvent> = fc.oneof(
  fc.record({
    type: fc.constant('TaskAssigned'),
    data: fc.record({
      taskId: fc.uuid(),
      title: chinese(20, 200),
      description: chinese(20, 200),
      programId: fc.constantFrom('qinghai', 'guangxi', 'bijie'),
      partner: chinese(4, 12),
      unitId: fc.constantFrom('unit-01', 'unit-02'),
      assignee: chinese(4, 12),
      deadline: fc.constant('2024-06-30T00:00:00.000Z'),
      targets: fc.uniqueArray(
        fc.record({
          key: fc.constantFrom(...metricKeys),
          label: chinese(2, 6),
          target: fc.integer({ min: 1, max: 5_000_000 }),
          unit: chinese(1, 1),
        }),
        { minLength: 2, maxLength: 4, selector: (m) => m.key },
      ),
    }),
  }),
  fc.record({
    type: fc.constant('ProgressReported'),
    data: fc.record({
      taskId: fc.uuid(),
      progress: fc.integer({ min: 0, max: 100 }),
      note: chinese(20, 200),
      metrics,
      evidence: fc.array(fc.webUrl(), { maxLength: 1 }),
    }),
  }),
  fc.record({
    type: fc.constant('TaskAcknowledged'),
    data: fc.record({ taskId: fc.uuid(), note: fc.oneof(fc.constant(null), chinese(20, 200)) }),
  }),
  fc.record({
    type: fc.constant('TaskCompleted'),
    data: fc.record({
      taskId: fc.uuid(),
      summary: chinese(20, 200),
      metrics,
      evidence: fc.array(fc.webUrl(), { minLength: 1, maxLength: 1 }),
    }),
  }),
);

const previousHash = fc.oneof(fc.constant(null), fc.stringMatching(/^[0-9a-f]{64}$/));
const streamId = fc.oneof(
  fc.uuid().map((id) => `task-${id}`),
  awkwardString,
);

// ---- Properties ----

describe('byte identity with the previous envelope implementation', () => {
  it('builds the same envelopes (stored text, canonical text, hash) for realistic batches', () => {
    fc.assert(
      fc.property(
        streamId,
        fc.array(realisticEvent, { minLength: 1, maxLength: 4 }),
        options,
        fc.integer({ min: -1, max: 1000 }),
        previousHash,
        (stream, events, opts, current, previous) => {
          expectSameEnvelopes(stream, events, opts, current, previous);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('builds the same envelopes, or fails the same way, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), options, previousHash, (data, opts, previous) => {
        expectSameEnvelopes('s-1', [{ type: 'Noted', data, schemaVersion: 1 }], opts, -1, previous);
      }),
      { numRuns: 1000 },
    );
  });

  it('builds the same envelopes, or fails the same way, for values JSON treats specially', () => {
    fc.assert(
      fc.property(fc.array(hostile, { minLength: 1, maxLength: 3 }), options, (datas, opts) => {
        const events = datas.map((data) => ({ type: 'Noted', data, schemaVersion: 1 }));
        expectSameEnvelopes('s-1', events, opts, 4, null);
      }),
      { numRuns: 1000 },
    );
  });

  it('builds the same envelopes for fc.anything with boxed values, null prototypes and sparse arrays', () => {
    const anything = fc.anything({
      withBoxedValues: true,
      withNullPrototype: true,
      withSparseArray: true,
      withObjectString: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withTypedArray: true,
      withBigInt: true,
      withUnicodeString: true,
    });
    fc.assert(
      fc.property(anything, options, (data, opts) => {
        expectSameEnvelopes('s-1', [{ type: 'Noted', data }], opts, -1, null);
      }),
      { numRuns: 1000 },
    );
  });

  it('gives the same canonical text, or the same error, for any value', () => {
    fc.assert(
      fc.property(hostile, (value) => {
        expectSameCanonical(value);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(
        fc.anything({ withSparseArray: true, withBoxedValues: true, withBigInt: true }),
        (value) => {
          expectSameCanonical(value);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('gives the same hash, or the same error, for any hashable event (including undefined data)', () => {
    fc.assert(
      fc.property(
        streamId,
        fc.oneof(fc.integer(), awkwardNumber),
        awkwardString,
        hostile,
        fc.option(fc.stringMatching(/^[0-9a-f]{64}$/), { nil: undefined }),
        previousHash,
        (stream, revision, type, data, hash, previous) => {
          const metadata = {
            actor: { id: 'u-1', role: 'office' as const },
            correlationId: 'c-1',
            causationId: null,
            occurredAt: '2026-01-01T00:00:00.000Z',
            schemaVersion: 1,
            previousHash: previous,
            ...(hash === undefined ? {} : { hash }),
          };
          const event = { streamId: stream, revision, type, data, metadata };
          expect(outcome(() => computeEventHash(event, previous))).toEqual(
            outcome(() => referenceComputeEventHash(event, previous)),
          );
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('handles the edge cases by name: -0, 1e21, NaN, Infinity, Dates, undefined, holes, key order', () => {
    const cases: unknown[] = [
      { n: -0, big: 1e21, small: 1e-7, nan: Number.NaN, inf: Number.POSITIVE_INFINITY },
      [-0, Number.NaN, Number.NEGATIVE_INFINITY, undefined, () => 1, Symbol('s')],
      // eslint-disable-next-line no-sparse-arrays
      [, 1, , 2],
      { when: new Date('2024-01-02T03:04:05.678Z'), invalid: new Date(Number.NaN) },
      { b: undefined, a: 1, f: () => 1, s: Symbol('s'), 10: 'ten', 2: 'two', z: { y: [{ x: 1, w: 2 }] } },
      { toJSON: () => ({ swapped: true }) },
      new Date('2024-01-02T03:04:05.678Z'),
      '对口支援\n"quoted"\\ \ud800 \u2028',
      42,
      -0,
      true,
      null,
      undefined,
    ];
    for (const data of cases) {
      expectSameEnvelopes('s-1', [{ type: 'Noted', data }], OPTIONS, -1, null);
      expectSameCanonical(data);
    }
  });

  it('rejects what the round trip rejected, with the same error', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const deep = Array.from({ length: 200 }).reduce<unknown>((inner) => ({ inner: [inner] }), 1);
    for (const data of [cyclic, { n: 1n }, [1n], 1n, () => 1, Symbol('s'), deep]) {
      expectSameEnvelopes('s-1', [{ type: 'Noted', data }], OPTIONS, -1, null);
    }
    expect(() => buildEnvelopes('s-1', [{ type: 'Noted', data: cyclic }], OPTIONS, -1, null)).toThrow(
      ValidationError,
    );
  });

  it('copies the data: the envelope does not share objects with the caller', () => {
    const data = { taskId: 't-1', metrics: [{ key: 'trainees', value: 3 }] };
    const [event] = buildEnvelopes('s-1', [{ type: 'Noted', data }], OPTIONS, -1, null);
    expect(event.data).toEqual(data);
    expect(event.data).not.toBe(data);
    expect((event.data as typeof data).metrics).not.toBe(data.metrics);
    expect(event.metadata.actor).not.toBe(OPTIONS.actor);
  });

  it('keeps a known hash (pinned from the previous implementation)', () => {
    const [event] = buildEnvelopes(
      'task-1',
      [
        {
          type: 'ProgressReported',
          data: {
            taskId: 't-1',
            progress: 35,
            note: '完成第一批师资培训，学员考核全部合格',
            metrics: [{ key: 'trainees', value: 30 }],
            evidence: [],
          },
          schemaVersion: 1,
        },
      ],
      { ...OPTIONS, idempotencyKey: 'k-1' },
      4,
      'ab'.repeat(32),
    );
    expect(event.metadata.hash).toBe(PINNED_HASH);
  });
});

const OPTIONS: AppendOptions = {
  expectedRevision: 'any',
  actor: { id: 'mgr-unit-01', role: 'unit_manager', unitId: 'unit-01', name: undefined },
  occurredAt: '2024-03-01T08:00:00+08:00',
  correlationId: 'corr-1',
};
const PINNED_HASH = '8f6fb650dc76d01bef9e2b9ee5836ce6162eeac971fa24c2c0b4765645b6793f';
