import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'trangtin-config-'));

test('defaults: port 3000, SQLite under ./data, a session secret generated once and kept private', () => {
  const cwd = tmp();
  const config = loadConfig({}, cwd);
  assert.equal(config.port, 3000);
  assert.equal(config.databaseUrl, path.join(cwd, 'data', 'trangtin.sqlite'));
  const file = path.join(cwd, 'data', 'session-secret');
  assert.equal(readFileSync(file, 'utf8').trim(), config.sessionSecret);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.equal(loadConfig({}, cwd).sessionSecret, config.sessionSecret, 'the same secret on the next start');
  assert.ok(Object.isFrozen(config));
});

test('every bad value is reported at once, each saying what to fix, and secrets are not echoed', () => {
  try {
    loadConfig({ PORT: '70000', DATABASE_URL: 'mysql://x', BASE_URL: 'ftp://site', SMTP_URL: 'http://user:hunter2@mail', LOG_LEVEL: 'loud', SESSION_SECRET: 'short' }, tmp());
    assert.fail('should throw');
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    assert.equal(error.problems.length, 6);
    assert.match(error.message, /PORT must be a whole number from 1 to 65535, got "70000"/);
    assert.match(error.message, /DATABASE_URL must be a postgres:\/\/ URL or a SQLite file path/);
    assert.match(error.message, /BASE_URL must be an http/);
    assert.match(error.message, /SMTP_URL must look like smtp:/);
    assert.doesNotMatch(error.message, /hunter2/);
    assert.match(error.message, /LOG_LEVEL must be one of/);
    assert.match(error.message, /SESSION_SECRET must be at least 32 characters/);
  }
});

test('PostgreSQL URLs and explicit settings are taken as given', () => {
  const config = loadConfig({ DATABASE_URL: 'postgres://app@db:5432/trangtin', PORT: '8080', HOST: '127.0.0.1', BASE_URL: 'https://kontum.gov.vn', SESSION_SECRET: 'x'.repeat(40), TRUST_PROXY: 'true' }, tmp());
  assert.equal(config.databaseUrl, 'postgres://app@db:5432/trangtin');
  assert.equal(config.port, 8080);
  assert.equal(config.baseUrl?.hostname, 'kontum.gov.vn');
  assert.equal(config.trustProxy, 1, 'true is one proxy in front, never every hop');
  assert.equal(config.mailFrom, 'trangtin <no-reply@kontum.gov.vn>');
});

test('audit keys: generated once into DATA_DIR/audit-keys and kept private, or taken from AUDIT_KEYS, newest first', () => {
  const cwd = tmp();
  const config = loadConfig({}, cwd);
  const file = path.join(cwd, 'data', 'audit-keys');
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.deepEqual(config.auditKeys.map((k) => k.version), [1]);
  assert.ok(config.auditKeys[0]!.secret.length >= 32);
  assert.deepEqual(loadConfig({}, cwd).auditKeys, config.auditKeys, 'the same key on the next start');
  assert.doesNotMatch(readFileSync(path.join(cwd, 'data', 'session-secret'), 'utf8'), new RegExp(config.auditKeys[0]!.secret), 'apart from the session secret');

  const a = 'a'.repeat(40);
  const b = 'b'.repeat(40);
  assert.deepEqual(loadConfig({ AUDIT_KEYS: `1:${a}, 2:${b}` }, tmp()).auditKeys, [{ version: 2, secret: b }, { version: 1, secret: a }]);
  try {
    loadConfig({ AUDIT_KEYS: `1:${a},1:${b},2:short,nonsense` }, tmp());
    assert.fail('should throw');
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    assert.deepEqual(error.problems, [
      'AUDIT_KEYS: key version 1 is given twice.',
      'AUDIT_KEYS: the secret of key version 2 must be at least 32 characters long.',
      'AUDIT_KEYS: entry 4 must look like <version>:<secret> with a version from 1, e.g. 1:$(openssl rand -base64 48).',
    ]);
    assert.doesNotMatch(error.message, /bbbb|short/);
  }
});

test('TRUST_PROXY: a number of proxies or their addresses; anything else is refused with what to write', () => {
  const base = { SESSION_SECRET: 'x'.repeat(40) };
  assert.equal(loadConfig({ ...base, TRUST_PROXY: 'false' }, tmp()).trustProxy, false);
  assert.equal(loadConfig({ ...base, TRUST_PROXY: '2' }, tmp()).trustProxy, 2);
  assert.deepEqual(loadConfig({ ...base, TRUST_PROXY: '127.0.0.1, 10.0.0.0/8, ::1' }, tmp()).trustProxy, ['127.0.0.1', '10.0.0.0/8', '::1']);
  assert.throws(() => loadConfig({ ...base, TRUST_PROXY: 'everyone' }, tmp()), /TRUST_PROXY must be false, true \(one proxy\)/);
});

test('behind one trusted proxy the client address is the one the proxy saw, not what the client wrote in X-Forwarded-For', async () => {
  const { default: Fastify } = await import('fastify');
  const { trustedProxies } = await import('./app.ts');
  const app = Fastify({ trustProxy: trustedProxies(loadConfig({ SESSION_SECRET: 'x'.repeat(40), TRUST_PROXY: 'true' }, tmp()).trustProxy) });
  app.get('/ip', async (request) => `${request.ip} ${request.protocol}`);
  // nginx appends the address it saw to whatever the client sent, and says the request came over https.
  const answer = await app.inject({ url: '/ip', remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': '203.0.113.9, 198.51.100.7', 'x-forwarded-proto': 'https' } });
  assert.equal(answer.body, '198.51.100.7 https');
  await app.close();
});

test('REDIS_URL: a redis:// or rediss:// address, or unset (limits in the database); a bad one is refused without echoing it', () => {
  const cwd = tmp();
  assert.equal(loadConfig({}, cwd).redisUrl, null);
  assert.equal(loadConfig({}, cwd).redisKeyPrefix, 'trangtin:');
  const set = loadConfig({ REDIS_URL: 'rediss://:pw@cache.tinh.gov.vn:6380/2', REDIS_KEY_PREFIX: 'kontum:' }, cwd);
  assert.equal(set.redisUrl, 'rediss://:pw@cache.tinh.gov.vn:6380/2');
  assert.equal(set.redisKeyPrefix, 'kontum:');
  for (const bad of ['http://:hunter2@cache:6379', 'cache:6379', 'redis://']) {
    assert.throws(
      () => loadConfig({ REDIS_URL: bad }, cwd),
      (error: unknown) => error instanceof ConfigError && /REDIS_URL must be a redis:\/\/ or rediss:\/\/ address/.test(error.message) && !/hunter2/.test(error.message),
      bad,
    );
  }
  assert.throws(() => loadConfig({ REDIS_KEY_PREFIX: 'a b' }, cwd), /REDIS_KEY_PREFIX may hold only/);
});

test('PAGE_CACHE_MB: the render cache bound in MiB, unset by default (64), anything but a whole number from 1 to 16384 refused', () => {
  const base = { SESSION_SECRET: 'x'.repeat(40) };
  assert.equal(loadConfig(base, tmp()).pageCacheMb, undefined);
  assert.equal(loadConfig({ ...base, PAGE_CACHE_MB: '256' }, tmp()).pageCacheMb, 256);
  for (const bad of ['0', '-5', '1.5', '64MB', '20000']) {
    assert.throws(() => loadConfig({ ...base, PAGE_CACHE_MB: bad }, tmp()), /PAGE_CACHE_MB must be a whole number of MiB from 1 to 16384/, bad);
  }
});
