// The request log (ADR 0032): one short line for what an operator reads, nothing at `info` for successful reads.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import Fastify from 'fastify';
import { registerRequestLog } from './request-log.ts';

test('successful reads are not logged at info; writes, refusals and errors get one short line without headers', async () => {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({ write: (chunk, _enc, next) => (lines.push(JSON.parse(String(chunk))), next()) });
  const app = Fastify({ logger: { level: 'info', stream }, disableRequestLogging: true });
  registerRequestLog(app, (url) => url.replace(/token=[^&]*/, 'token=[redacted]'));
  app.get('/page', async () => 'ok');
  app.get('/missing', async (_req, reply) => reply.code(404).send('no'));
  app.post('/form', async () => 'saved');
  app.get('/broken', async () => {
    throw new Error('boom');
  });
  await app.inject({ url: '/page', headers: { cookie: 'tt_session=secret' } });
  await app.inject({ url: '/missing' });
  await app.inject({ method: 'POST', url: '/form?token=abc', payload: { a: 1 } });
  await app.inject({ url: '/broken' });
  const requests = lines.filter((l) => l.msg === 'request');
  assert.deepEqual(
    requests.map((l) => [l.method, l.url, l.status]),
    [
      ['GET', '/missing', 404],
      ['POST', '/form?token=[redacted]', 200],
      ['GET', '/broken', 500],
    ],
  );
  assert.equal(requests[2]!.level, 50, 'a server error is logged as an error');
  for (const line of requests) {
    assert.equal(typeof line.ms, 'number');
    assert.ok(!('req' in line) && !('headers' in line), 'no request dump');
  }
  assert.ok(!JSON.stringify(lines).includes('secret'));
  await app.close();
});
