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
  assert.equal(config.trustProxy, true);
  assert.equal(config.mailFrom, 'trangtin <no-reply@kontum.gov.vn>');
});
