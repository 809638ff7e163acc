// Rate limits and lockouts hold across the nodes of an installation (issue 17,
// ADR 0027): two app instances on one database — and, with REDIS_URL, one Redis —
// count a client's sign-ins and form posts together; an account locked through one
// node is locked on the other. On SQLite and PostgreSQL, with and without Redis.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { Redis } from 'ioredis';
import { buildApp } from '../src/app.ts';
import type { Config } from '../src/config.ts';
import { createDeps } from '../src/deps.ts';
import { AddressCap } from '../src/modules/polls/ballots.ts';
import { SharedLimits, type LimitsLog } from '../src/platform/limits/index.ts';
import { TableCounters } from '../src/platform/limits/counters.ts';
import { clientKeyOf } from '../src/platform/limits/client-key.ts';
import { namedRateLimit, sharedRateLimitStore } from '../src/platform/limits/rate-limit-store.ts';
import { Agent, textOf } from './support/agent.ts';
import { buildTestApp, TestClock, testConfig, type TestApp } from './support/app.ts';
import { forEachEngine, type TestEngine } from './support/databases.ts';
import { makeSite, makeUser, TEST_PASSWORD } from './support/factories.ts';
import type { Site } from '../src/modules/sites/site.ts';

const REDIS_TEST_URL = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';

/** Is the test Redis there? In CI (.ci/run starts it and sets REDIS_TEST_URL) its absence is a failure, not a skip. */
async function redisReachable(): Promise<string | null> {
  const probe = new Redis(REDIS_TEST_URL, { connectTimeout: 1000, maxRetriesPerRequest: 0, retryStrategy: () => null, lazyConnect: true });
  probe.on('error', () => {});
  try {
    await probe.connect();
    await probe.ping();
    return null;
  } catch (error) {
    if (process.env.CI && process.env.REDIS_TEST_URL) throw new Error(`REDIS_TEST_URL is set but Redis does not answer: ${(error as Error).message}`);
    return `no Redis at ${REDIS_TEST_URL} (${(error as Error).message}); .ci/run starts one`;
  } finally {
    probe.disconnect();
  }
}
const redisMissing = await redisReachable();

/** The keys under a test's prefix; deleted too when `drop`. */
async function redisKeys(prefix: string, drop = false): Promise<string[]> {
  const redis = new Redis(REDIS_TEST_URL, { maxRetriesPerRequest: 1 });
  try {
    const keys = await redis.keys(`${prefix}*`);
    if (drop && keys.length > 0) await redis.del(...keys);
    return keys;
  } finally {
    redis.disconnect();
  }
}

/** The same person (same address) reaching another node: its own cookies and CSRF token there. */
function sameClientOn(app: FastifyInstance, agent: Agent): Agent {
  const twin = new Agent(app, agent.host);
  Object.defineProperty(twin, 'ip', { value: agent.ip });
  return twin;
}

function suite(engine: TestEngine, store: 'database' | 'redis'): void {
  let t: TestApp;
  let b: FastifyInstance;
  let site: Site;
  const prefix = `trangtin-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}:`;
  const shared: Partial<Config> = store === 'redis' ? { redisUrl: REDIS_TEST_URL, redisKeyPrefix: prefix } : {};

  before(async () => {
    const clock = new TestClock(new Date('2026-12-07T03:00:00Z'));
    t = await buildTestApp(engine, { clock, config: shared });
    site = await makeSite(t.db, 'lim');
    await makeSite(t.db, 'lim-other');
    t.refreshSites();
    // Node B: its own process state (caches, memory), the same database and, with Redis, the same Redis.
    b = await buildApp(createDeps(testConfig(t.dataDir, shared), t.database, clock), { logger: false });
  });
  after(async () => {
    await b.close();
    await t.close();
    if (store === 'redis') await redisKeys(prefix, true);
  });

  test('10 sign-in attempts through node A, and the 11th through node B is refused with 429', async () => {
    const onA = new Agent(t.app, 'lim.test');
    for (let i = 0; i < 10; i += 1) {
      const res = await onA.post('/admin/login', { email: 'khong-ai@lim.test', password: `sai-${i}` });
      assert.equal(res.statusCode, 401, `attempt ${i + 1} on A`);
    }
    const onB = sameClientOn(b, onA);
    const refused = await onB.post('/admin/login', { email: 'khong-ai@lim.test', password: 'sai-11' });
    assert.equal(refused.statusCode, 429);
    assert.match(textOf(refused.body), /Quá nhiều yêu cầu/);
    assert.ok(Number(refused.headers['retry-after']) > 0, 'says when to come back');
  });

  test('the limit is per address and per limit: another address, another limited form are not counted', async () => {
    const onA = new Agent(t.app, 'lim.test');
    for (let i = 0; i < 11; i += 1) await onA.post('/admin/login', { email: 'khong-ai@lim.test', password: `sai-${i}` });
    assert.equal((await sameClientOn(b, onA).post('/admin/login', { email: 'khong-ai@lim.test', password: 'x' })).statusCode, 429);
    // Someone else on node B.
    assert.equal((await new Agent(b, 'lim.test').post('/admin/login', { email: 'khong-ai@lim.test', password: 'x' })).statusCode, 401);
    // The same address on another limited form (the contact form) of the same node.
    assert.equal((await sameClientOn(b, onA).post('/lien-he', {}, { csrf: false })).statusCode, 200, 'answered (an empty form is taken for a robot and thanked)');
    // The same address asking for a password reset (its own limit).
    assert.notEqual((await sameClientOn(b, onA).post('/admin/password/forgot', { email: 'khong-ai@lim.test' })).statusCode, 429);
  });

  test('every limit counts an IPv6 client by its /64, and an IPv4-mapped address as its IPv4 address', async () => {
    const as = (app: FastifyInstance, ip: string) => {
      const agent = new Agent(app, 'lim-other.test');
      Object.defineProperty(agent, 'ip', { value: ip });
      return agent;
    };
    // Sign-in (a route's limit): ten addresses of one /64, then an eleventh.
    for (let i = 1; i <= 10; i += 1) assert.equal((await as(t.app, `2001:db8:5:6::${i.toString(16)}`).post('/admin/login', { email: 'khong-ai@lim-other.test', password: 'x' })).statusCode, 401);
    assert.equal((await as(b, '2001:db8:5:6:ffff:1:2:3').post('/admin/login', { email: 'khong-ai@lim-other.test', password: 'x' })).statusCode, 429, 'the same /64 on node B');
    assert.equal((await as(b, '2001:db8:5:7::1').post('/admin/login', { email: 'khong-ai@lim-other.test', password: 'x' })).statusCode, 401, 'another /64');
    for (let i = 0; i < 10; i += 1) await as(t.app, '::ffff:198.51.100.44').post('/admin/login', { email: 'khong-ai@lim-other.test', password: 'x' });
    assert.equal((await as(b, '198.51.100.44').post('/admin/login', { email: 'khong-ai@lim-other.test', password: 'x' })).statusCode, 429, 'mapped and plain IPv4 are one client');
    // The contact form (a named limiter shared by /lien-he and /en/contact).
    for (let i = 1; i <= 5; i += 1) assert.notEqual((await as(t.app, `2001:db8:9:9::${i}`).post(i % 2 ? '/lien-he' : '/en/contact', {}, { csrf: false })).statusCode, 429);
    assert.equal((await as(b, '2001:db8:9:9::99').post('/en/contact', {}, { csrf: false })).statusCode, 429);
  });

  test('5 contact messages through node A, and the 6th through node B is refused with 429', async () => {
    const onA = new Agent(t.app, 'lim-other.test');
    for (let i = 0; i < 5; i += 1) {
      const res = await onA.post(i % 2 === 0 ? '/lien-he' : '/en/contact', {}, { csrf: false });
      assert.notEqual(res.statusCode, 429, `message ${i + 1} on A`);
    }
    const refused = await sameClientOn(b, onA).post('/lien-he', {}, { csrf: false });
    assert.equal(refused.statusCode, 429);
    const text = textOf(refused.body);
    assert.match(text, /Quá nhiều yêu cầu/);
    // How long, in minutes from the limit's own count (not "a moment"), and how to get back what was typed.
    const minutes = Math.ceil(Number(refused.headers['retry-after']) / 60);
    assert.match(text, new RegExp(`thử lại sau, chậm nhất (khoảng ${minutes} phút|khoảng một phút) nữa`));
    assert.match(text, /bấm nút Quay lại \(Back\) của trình duyệt để lấy lại/);
  });

  test('an account locked through node A is refused on node B, even with the right password', async () => {
    const victim = await makeUser(t.db, site, ['contributor']);
    for (let i = 0; i < 5; i += 1) await new Agent(t.app, 'lim.test').post('/admin/login', { email: victim.email, password: `sai-${i}` });
    const row = await t.db.selectFrom('users').select('locked_until').where('id', '=', victim.id).executeTakeFirstOrThrow();
    assert.ok(row.locked_until, 'locked through A');
    const onB = new Agent(b, 'lim.test');
    const right = await onB.post('/admin/login', { email: victim.email, password: TEST_PASSWORD });
    assert.match(textOf(right.body), /tạm thời bị khóa/);
    assert.equal(onB.hasCookie('tt_session'), false);
  });

  test('what is stored holds no client address', async () => {
    const rows = await t.db.selectFrom('rate_limit_counters').selectAll().execute();
    const stored = store === 'redis' ? await redisKeys(prefix) : rows.map((r) => r.key);
    if (store === 'redis') assert.equal(rows.length, 0, 'with Redis, nothing goes to the table');
    assert.ok(stored.length > 0, 'the counts are shared');
    for (const key of stored) assert.doesNotMatch(key, /10\.\d+\.\d+\.\d+|127\.0\.0\.1/);
    if (store === 'redis') {
      const redis = new Redis(REDIS_TEST_URL);
      try {
        for (const key of stored) {
          const ttl = await redis.pttl(key);
          assert.ok(ttl > 0 && ttl <= 3_600_000, `${key} expires with its window (pttl ${ttl})`);
        }
      } finally {
        redis.disconnect();
      }
    } else {
      const now = t.clock.now().getTime();
      for (const row of rows) assert.ok(row.expires_at > now && row.expires_at <= now + 3_600_000, 'each row ends with its window');
    }
  });
}

forEachEngine('limits shared across nodes, in the database', (engine) => suite(engine, 'database'));

forEachEngine('limits shared across nodes, in Redis', (engine) => {
  if (redisMissing) {
    test('Redis', { skip: redisMissing }, () => {});
    return;
  }
  suite(engine, 'redis');
});

forEachEngine('shared limits: a shared store that fails, the poll address cap, pruning', (engine) => {
  let t: TestApp;
  const logged: string[] = [];
  const log: LimitsLog = { error: (_o, msg) => logged.push(`error: ${msg}`), warn: (_o, msg) => logged.push(`warn: ${msg}`) };

  before(async () => {
    // A Redis that is not there (nothing listens on port 1).
    t = await buildTestApp(engine, { clock: new TestClock(new Date('2026-12-07T03:00:00Z')), config: { redisUrl: 'redis://127.0.0.1:1' } });
    t.deps.limits.useLogger(log);
    await makeSite(t.db, 'down');
    t.refreshSites();
  });
  after(async () => t.close());

  test('Redis down: sign-in is still limited (per node), a public form still works, the outage is logged once', async () => {
    const agent = new Agent(t.app, 'down.test');
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) statuses.push((await agent.post('/admin/login', { email: 'khong-ai@down.test', password: 'x' })).statusCode);
    assert.deepEqual(statuses, [...Array(10).fill(401), 429]);
    const contact = await new Agent(t.app, 'down.test').post('/lien-he', {}, { csrf: false });
    assert.equal(contact.statusCode, 200, 'the form answers (an empty one is taken for a robot and thanked), not 429 or 500');
    assert.equal(logged.filter((l) => l.startsWith('error:')).length, 1, logged.join('\n'));
    assert.match(logged[0]!, /unreachable/);
    assert.equal(t.deps.limits.counters.degraded, true);
  });

  test('the poll address cap is counted by every node together, under a key that is not the address', async () => {
    const clock = t.clock;
    const nodeA = new SharedLimits({ ...t.deps.config, redisUrl: null }, t.database, clock);
    const nodeB = new SharedLimits({ ...t.deps.config, redisUrl: null }, t.database, clock);
    const capA = new AddressCap(nodeA, t.deps.config.sessionSecret, clock, 2);
    const capB = new AddressCap(nodeB, t.deps.config.sessionSecret, clock, 2);
    assert.equal(await capA.take(7, '203.0.113.9'), true);
    assert.equal(await capB.full(7, '203.0.113.9'), false);
    assert.equal(await capB.take(7, '203.0.113.9'), true);
    assert.equal(await capA.take(7, '203.0.113.9'), false, 'a third ballot is refused');
    assert.equal(await capA.full(7, '203.0.113.9'), true, 'two ballots, one on each node, fill a cap of two');
    assert.equal(await capB.full(7, '203.0.113.9'), true);
    assert.equal(await capB.full(8, '203.0.113.9'), false, 'another poll');
    assert.equal(await capB.full(7, '203.0.113.10'), false, 'another address');
    const rows = await t.db.selectFrom('rate_limit_counters').selectAll().where('key', 'like', 'pc:%').execute();
    assert.equal(rows.length, 1);
    assert.doesNotMatch(rows[0]!.key, /203|113/);
    // The count ends with the Vietnam day (midnight in Hà Nội is 17:00 UTC).
    clock.set('2026-12-07T17:00:01Z');
    assert.equal(await capA.full(7, '203.0.113.9'), false, 'a new day, a new count');
    await new TableCounters(t.db, clock).prune();
    assert.equal((await t.db.selectFrom('rate_limit_counters').selectAll().where('key', 'like', 'pc:%').execute()).length, 0, 'yesterday’s row is deleted');
  });

  test('the poll address cap: concurrent ballots over the cap are refused, an IPv6 /64 and a mapped IPv4 are one address', async () => {
    const clock = t.clock;
    const nodeA = new SharedLimits({ ...t.deps.config, redisUrl: null }, t.database, clock);
    const nodeB = new SharedLimits({ ...t.deps.config, redisUrl: null }, t.database, clock);
    const capA = new AddressCap(nodeA, t.deps.config.sessionSecret, clock, 3);
    const capB = new AddressCap(nodeB, t.deps.config.sessionSecret, clock, 3);
    const taken = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? capA : capB).take(70, '198.51.100.20')));
    assert.equal(taken.filter(Boolean).length, 3, 'eight ballots at once, on two nodes: three pass a cap of three');
    for (let i = 1; i <= 3; i += 1) assert.equal(await capA.take(71, `2001:db8:70:1::${i.toString(16)}`), true);
    assert.equal(await capB.take(71, '2001:db8:70:1:abcd:ef01:2345:6789'), false, 'another address of the same /64');
    assert.equal(await capB.take(71, '2001:db8:70:2::1'), true, 'another /64');
    for (let i = 0; i < 3; i += 1) assert.equal(await capA.take(72, '::ffff:198.51.100.21'), true);
    assert.equal(await capB.take(72, '198.51.100.21'), false, 'the IPv4-mapped address is the IPv4 address');
  });

  test('a limiter made by app.rateLimit needs a stable name, given once', async () => {
    const app = Fastify({ logger: false });
    const limits = new SharedLimits({ ...t.deps.config, redisUrl: null }, t.database, t.clock);
    await app.register(rateLimit, { global: false, store: sharedRateLimitStore(app, limits), keyGenerator: clientKeyOf });
    assert.throws(() => app.rateLimit({ max: 1, timeWindow: 1000 }), /needs a stable name/);
    const hook = namedRateLimit(app, 'test.form', { max: 1, timeWindow: 60_000 });
    assert.throws(() => namedRateLimit(app, 'test.form', { max: 1, timeWindow: 60_000 }), /made twice/);
    app.post('/a', { onRequest: hook }, async () => 'ok');
    app.post('/b', { onRequest: hook }, async () => 'ok');
    // Its counter is stored under its name, not under the order it was made in.
    assert.equal((await app.inject({ method: 'POST', url: '/a', remoteAddress: '2001:db8::1' })).statusCode, 200);
    assert.equal((await app.inject({ method: 'POST', url: '/b', remoteAddress: '2001:db8::2' })).statusCode, 429, 'both addresses, one count');
    assert.equal((await limits.peek(limits.rateKey('named:test.form', '2001:db8:0:0::/64'))).count, 2);
    await app.close();
  });

  test('a window ends: its count starts again, and pruning deletes ended rows only', async () => {
    const counters = new TableCounters(t.db, t.clock);
    assert.deepEqual(await counters.hit('test:a', 60_000), { count: 1, resetMs: 60_000 });
    t.clock.advance(10_000);
    assert.deepEqual(await counters.hit('test:a', 60_000), { count: 2, resetMs: 50_000 });
    await counters.hit('test:b', 120_000);
    t.clock.advance(50_000);
    assert.deepEqual(await counters.hit('test:a', 60_000), { count: 1, resetMs: 60_000 }, 'a new window');
    t.clock.advance(70_000);
    assert.equal(await counters.prune(), 2);
    assert.deepEqual(await counters.peek('test:b'), { count: 0, resetMs: 0 });
  });
});
