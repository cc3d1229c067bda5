import type { Client } from 'graphql-ws';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { TestApp, type Api } from './support/harness.js';
import {
  ASSIGN,
  AUTOMOTIVE_MANAGER,
  inDays,
  MANAGEMENT_MANAGER,
  OFFICE,
  REASSIGN,
  registerOrganisation,
  sleep,
  trainingTask,
} from './support/fixtures.js';

interface Changed {
  taskChanged: { type: string; streamId: string; revision: number; position: string; actor: { id: string } };
}

const SUBSCRIPTION = `subscription($unitId: ID) { taskChanged(unitId: $unitId) { type streamId revision position actor { id } } }`;

/** Collects what a subscription delivers; `next(n)` waits for the n-th event. */
class Inbox {
  readonly events: Changed['taskChanged'][] = [];
  error: unknown = null;
  private readonly dispose: () => void;

  constructor(client: Client, unitId: string | null) {
    this.dispose = client.subscribe<Changed>(
      { query: SUBSCRIPTION, variables: { unitId } },
      {
        next: ({ data }) => data && this.events.push(data.taskChanged),
        error: (error) => (this.error = error),
        complete: () => undefined,
      },
    );
  }

  async waitFor(count: number, timeoutMs = 5000): Promise<Changed['taskChanged'][]> {
    const until = Date.now() + timeoutMs;
    while (this.events.length < count && Date.now() < until) await sleep(20);
    return this.events;
  }

  close(): void {
    this.dispose();
  }
}

describe('subscription taskChanged(unitId) over graphql-ws', () => {
  let app: TestApp;
  let office: Api;
  const clients: Client[] = [];

  const connect = async (caller: Parameters<TestApp['subscriber']>[0]): Promise<Client> => {
    const client = await app.subscriber(caller);
    clients.push(client);
    return client;
  };

  /** Subscribes and waits until the server has the subscription (the socket is acknowledged, then a beat). */
  const subscribe = async (client: Client, unitId: string | null): Promise<Inbox> => {
    const connected = new Promise<void>((resolve) => client.on('connected', () => resolve()));
    const inbox = new Inbox(client, unitId);
    await connected;
    await sleep(150);
    return inbox;
  };

  beforeAll(async () => {
    app = await TestApp.start();
    office = await app.client(OFFICE);
    await registerOrganisation(office);
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await app?.stop();
  });

  it("a unit's subscriber receives the events of its unit's tasks only", async () => {
    const management = await subscribe(await connect(MANAGEMENT_MANAGER), 'management');
    const automotive = await subscribe(await connect(AUTOMOTIVE_MANAGER), 'automotive');
    const everything = await subscribe(await connect(OFFICE), null);

    const { assignTask } = await office.ok<{ assignTask: { task: { id: string }; position: string } }>(
      ASSIGN,
      {
        input: trainingTask(inDays(30)),
      },
    );
    const [event] = await management.waitFor(1);
    expect(event).toMatchObject({
      type: 'TaskAssigned',
      streamId: `task-${assignTask.task.id}`,
      revision: 0,
      position: assignTask.position,
      actor: { id: 'office-1' },
    });

    // A task of the other unit: the first (and only) thing the automotive subscriber sees.
    const other = await office.ok<{ assignTask: { task: { id: string } } }>(ASSIGN, {
      input: { ...trainingTask(inDays(40)), title: '汽车专业师资培训', unitId: 'automotive', targets: [] },
    });
    const [automotiveEvent] = await automotive.waitFor(1);
    expect(automotiveEvent.streamId).toBe(`task-${other.assignTask.task.id}`);
    expect(automotive.events).toHaveLength(1);
    expect(management.events).toHaveLength(1);

    expect((await everything.waitFor(2)).map((e) => e.type)).toEqual(['TaskAssigned', 'TaskAssigned']);
    [management, automotive, everything].forEach((inbox) => inbox.close());
  });

  it('a reassignment reaches the unit the task left and the unit it went to', async () => {
    const management = await subscribe(await connect(MANAGEMENT_MANAGER), 'management');
    const automotive = await subscribe(await connect(AUTOMOTIVE_MANAGER), 'automotive');
    const { assignTask } = await office.ok<{ assignTask: { task: { id: string } } }>(ASSIGN, {
      input: trainingTask(inDays(30)),
    });
    await office.ok(REASSIGN, {
      input: { taskId: assignTask.task.id, unitId: 'automotive', reason: '培训改由汽车技术学院承办' },
    });
    expect((await management.waitFor(2)).map((e) => e.type)).toEqual(['TaskAssigned', 'TaskReassigned']);
    expect((await automotive.waitFor(1)).map((e) => e.type)).toEqual(['TaskReassigned']);
  });

  it('a connection without a valid token is closed with 4401', async () => {
    const closed = new Promise<number>((resolve) => {
      const client = createClient({
        url: app.running.wsUrl,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: 'Bearer forged.token.here' },
        retryAttempts: 0,
        lazy: true,
        on: { closed: (event) => resolve((event as { code: number }).code) },
      });
      clients.push(client);
      client.subscribe(
        { query: SUBSCRIPTION },
        { next: () => undefined, error: () => undefined, complete: () => undefined },
      );
    });
    expect(await closed).toBe(4401);
  });
});
