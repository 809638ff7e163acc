// Malformed request bodies, on every route that takes one: JSON nested 10,000
// deep, truncated multipart, types nobody accepts, invalid UTF-8, oversized
// fields and bodies. Each gets a 4xx with a clear message (a page in the
// reader's language, or the API's JSON error), never a 500 or a stack trace,
// and nothing is written. Routes are reached as their real callers reach them:
// anonymous citizens on the public forms, a signed-in administrator (session
// and CSRF token) on /admin, a token on /api, so the parsers behind the
// sign-in and CSRF checks are really exercised.
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { ROLES } from '../src/core/permissions.ts';
import { vietnamDate } from '../src/core/time.ts';
import { accessTable, type RouteAccess } from '../src/modules/accounts/http-auth.ts';
import { createApiToken } from '../src/modules/api-tokens/tokens.ts';
import { createConsultation } from '../src/modules/consultations/manage-consultations.ts';
import { loadGrants } from '../src/modules/members/grants.ts';
import { createProcedure } from '../src/modules/procedures/manage-procedures.ts';
import { procedureFields } from '../src/modules/procedures/store.ts';
import { blankDetails } from '../src/core/procedures/details.ts';
import { Agent, textOf } from './support/agent.ts';
import { buildTestApp, type TestApp } from './support/app.ts';
import { makeCase } from './support/citizens.ts';
import { forEachEngine } from './support/databases.ts';
import { makeBoard, type Board } from './support/editorial.ts';
import { makeUser, systemActor } from './support/factories.ts';

interface Malformed {
  name: string;
  contentType: string;
  payload: Buffer;
  /** The statuses a route may answer: parser refusals are the same on every route; multipart is read only where files are taken (415 elsewhere). */
  expect: number[];
  /** Over the 1 MiB every route but the document push (30 MiB of base64 files) takes. */
  oversized?: true;
}

/** The push takes up to 30 MiB, so a 1 MiB body reaches its validation, which refuses it (400). */
function expectedOn(route: RouteAccess, body: Malformed): number[] {
  return body.oversized && route.url === '/api/v1/documents' ? [400] : body.expect;
}

const BOUNDARY = '----trangtinMalformed7MA4YWxkTrZu0gW';
const multipartType = `multipart/form-data; boundary=${BOUNDARY}`;
const field = (name: string, value: string) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
const MiB = 1024 * 1024;

// Built once: the same bytes go to every route.
const BODIES: Malformed[] = [
  {
    name: 'JSON arrays nested 10,000 deep',
    contentType: 'application/json',
    payload: Buffer.from(`{"title":"Câu hỏi","body":${'['.repeat(10_000)}${']'.repeat(10_000)}}`),
    expect: [400],
  },
  {
    name: 'JSON objects nested 10,000 deep',
    contentType: 'application/json; charset=utf-8',
    payload: Buffer.from(`${'{"a":'.repeat(10_000)}"Hà Nội"${'}'.repeat(10_000)}`),
    expect: [400],
  },
  { name: 'JSON cut short', contentType: 'application/json', payload: Buffer.from('{"title": "Câu h'), expect: [400] },
  {
    name: 'multipart cut off in the middle of a file',
    contentType: multipartType,
    payload: Buffer.from(`${field('name', 'Nguyễn Văn An')}${field('title', 'Câu hỏi')}--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="don.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n1 0 obj`),
    expect: [400, 415],
  },
  { name: 'multipart with a boundary and no end', contentType: multipartType, payload: Buffer.from(field('title', 'Câu hỏi')), expect: [400, 415] },
  { name: 'multipart without a boundary', contentType: 'multipart/form-data', payload: Buffer.from(field('title', 'x')), expect: [400, 415] },
  { name: 'multipart with a field of 2 MiB', contentType: multipartType, payload: Buffer.from(`${field('body', 'a'.repeat(2 * MiB))}--${BOUNDARY}--\r\n`), expect: [413, 415] },
  { name: 'multipart with 500 fields', contentType: multipartType, payload: Buffer.from(`${Array.from({ length: 500 }, (_, i) => field(`f${i}`, 'x')).join('')}--${BOUNDARY}--\r\n`), expect: [413, 415] },
  { name: 'XML', contentType: 'text/xml', payload: Buffer.from('<?xml version="1.0"?><cauhoi><tieude>x</tieude></cauhoi>'), expect: [415] },
  { name: 'an unknown type', contentType: 'application/x-unknown', payload: Buffer.from('\x00\x01\x02'), expect: [415] },
  { name: 'plain text', contentType: 'text/plain', payload: Buffer.from('title=Câu hỏi'), expect: [415] },
  {
    name: 'invalid UTF-8 bytes in a url-encoded body',
    contentType: 'application/x-www-form-urlencoded',
    payload: Buffer.concat([Buffer.from('name=An&title='), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('&body=x')]),
    expect: [400],
  },
  { name: 'invalid UTF-8 escapes in a url-encoded body', contentType: 'application/x-www-form-urlencoded', payload: Buffer.from('name=An&title=%C3%28%FF&body=%ED%A0%80'), expect: [400] },
  {
    name: 'invalid UTF-8 bytes in a JSON body',
    contentType: 'application/json',
    payload: Buffer.concat([Buffer.from('{"title":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('","body":"x"}')]),
    expect: [400],
  },
  { name: 'a url-encoded body over 1 MiB', oversized: true, contentType: 'application/x-www-form-urlencoded', payload: Buffer.from(`title=x&body=${'a'.repeat(MiB + 10)}`), expect: [413] },
  { name: 'a JSON body over 1 MiB', oversized: true, contentType: 'application/json', payload: Buffer.from(`{"title":"${'a'.repeat(MiB + 10)}"}`), expect: [413] },
];

/** What a stack trace or an internal error leaks: frames, source paths, error class names. */
const LEAKS = [/\n\s+at \S/, /\/src\//, /node_modules/, /\b(?:Range|Type|Syntax|Reference)?Error:/, /\.tsx?:\d+/, /Maximum call stack/];

let nextIp = 1;
/** A new address per request: the public forms' per-address rate limits must not answer before the parsers do. */
const freshIp = () => `10.250.${(nextIp >> 8) & 255}.${nextIp++ & 255}`;

forEachEngine('malformed request bodies', (engine) => {
  let t: TestApp;
  let b: Board;
  let admin: Agent;
  let token: string;
  let routes: RouteAccess[];
  const ids: Record<string, number> = {};

  before(async () => {
    t = await buildTestApp(engine);
    b = await makeBoard(t, 'hongbody', { languages: ['vi', 'en'], nameEn: 'Malformed test site' });
    const user = await makeUser(t.db, b.site, [...ROLES], { unitId: b.unitId });
    token = (await createApiToken(t.db, systemActor(b.site.id), { siteId: b.site.id, userId: user.id, name: 'test', scopes: ['read', 'write', 'admin'], expiresInDays: null })).token;
    admin = new Agent(t.app, b.host);
    await admin.login(user.email);
    assert.equal((await admin.get('/admin')).statusCode, 200, 'the administrator is signed in');

    // Rows behind the upload routes with an id, so their handlers reach the multipart reader.
    const actor = { ...systemActor(b.site.id), userId: user.id };
    const grants = await loadGrants(t.db, b.site, { id: user.id, is_platform_admin: 0 }, vietnamDate(t.clock.now()));
    ids.cases = (await makeCase(t.db, b.site, 'question', { unit_id: b.unitId, status: 'assigned' })).id;
    const day = (days: number) => vietnamDate(new Date(t.clock.now().getTime() + days * 86_400_000));
    ids.consultations = (
      await createConsultation(t.db, actor, grants, b.site, { title: 'Dự thảo quy chế chợ', docType: 'quyet-dinh', draftingAgency: 'Phòng Kinh tế', summary: 'Tóm tắt', bodyHtml: '<p>Điều 1</p>', parts: [], attachmentIds: [], contact: 'Phòng Kinh tế', opensOn: day(1), closesOn: day(60) }, t.clock)
    ).id;
    ids.procedures = (await createProcedure(t.db, actor, grants, { code: '1.000001', name: 'Thủ tục thử', level: 'commune', field: procedureFields(b.site)[0]!, agency: 'UBND xã', details: blankDetails() }, procedureFields(b.site), t.clock)).id;
    routes = accessTable(t.app).filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method));
  });
  after(async () => t.close());

  function urlOf(route: RouteAccess): string {
    const family = /^\/admin\/(\w+)\//.exec(route.url)?.[1] ?? '';
    const id = ids[family] ?? b.people.contributor.id;
    return route.url.replace(':id', String(id)).replace(':slug', 'du-thao-quy-che-cho').replace(':token', 'x'.repeat(43)).replace(/:\w+/g, '1');
  }

  /** One request as the route's real caller would send it. */
  async function send(route: RouteAccess, body: Malformed): Promise<LightMyRequestResponse> {
    const url = urlOf(route);
    const headers: Record<string, string> = { host: b.host, 'content-type': body.contentType };
    let target = url;
    if (route.url.startsWith('/api/')) {
      headers.authorization = `Bearer ${token}`;
    } else if (route.url.startsWith('/admin')) {
      headers.cookie = `tt_session=${admin.cookie('tt_session')}; tt_csrf=${admin.cookie('tt_csrf')}`;
      target = `${url}?_csrf=${encodeURIComponent(await admin.csrf())}`;
    } else {
      headers.origin = `http://${b.host}`;
    }
    return t.app.inject({ method: route.method as 'POST', url: target, remoteAddress: freshIp(), headers, payload: body.payload });
  }

  /** Everything a refused body could have left behind: rows and stored files. */
  async function snapshot(): Promise<string> {
    const tables = ['citizen_cases', 'citizen_case_files', 'citizen_case_events', 'consultations', 'consultation_comments', 'contact_messages', 'media', 'articles', 'article_revisions', 'procedures', 'units', 'audit_log'] as const;
    const counts: Record<string, number> = {};
    for (const table of tables) counts[table] = Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const files = readdirSync(t.dataDir, { recursive: true, encoding: 'utf8' }).filter((f) => !f.startsWith('outbox') && statSync(path.join(t.dataDir, f)).isFile());
    return JSON.stringify({ counts, files: files.sort() });
  }

  test('every route that takes a body answers each malformed one with a 4xx and a clear message, never a stack; nothing is written', async () => {
    assert.ok(routes.some((r) => r.url === '/hoi-dap/gui-cau-hoi') && routes.some((r) => r.url.startsWith('/api/v1/')) && routes.some((r) => r.url === '/admin/media'), 'public forms, the API and the back office are all walked');
    const before = await snapshot();
    const wrong: string[] = [];
    for (const route of routes) {
      const answers = await Promise.all(BODIES.map((body) => send(route, body)));
      for (const [i, res] of answers.entries()) {
        const body = BODIES[i]!;
        const expected = expectedOn(route, body);
        const where = `${route.method} ${route.url} with ${body.name}: ${res.statusCode}`;
        if (!expected.includes(res.statusCode)) wrong.push(`${where} (expected ${expected.join(' or ')})`);
        const leak = LEAKS.find((re) => re.test(res.body));
        if (leak) wrong.push(`${where} leaks ${leak}: ${res.body.slice(0, 200)}`);
        if (route.url.startsWith('/api/')) {
          const json = res.headers['content-type']?.toString().startsWith('application/json') ? (res.json() as { error?: { code?: string; message?: string }; requestId?: string }) : null;
          if (!json?.error?.code || !json.error.message || !json.requestId) wrong.push(`${where} is not the API's JSON error`);
        } else if (!/^text\/html/.test(String(res.headers['content-type'])) || !/<h1[^>]*>[^<]+<\/h1>/.test(res.body)) {
          wrong.push(`${where} is not an error page`);
        }
      }
    }
    assert.deepEqual(wrong, []);
    assert.equal(await snapshot(), before, 'a refused body writes nothing');
  });

  test('every page answers a query with repeated and badly escaped parameters without a crash (the search form too)', async () => {
    // Every parameter name the pages read, each repeated, the first time with escapes that are not UTF-8.
    const names = ['q', 'trang', 'page', 'perPage', 'chuyen-muc', 'loai', 'tu', 'den', 'linh-vuc', 'trang-thai', 'type', 'issuer', 'field', 'level', 'year', 'from', 'to', 'status', 'kind', 'unit', 'role', 'tab', 'xem', 'ma', 'thang', 'next', 'for', 'who', 'actor', 'action', 'target', 'section', 'source', 'review', 'reviewState', 'publication', 'mine', 'overdue', 'late', 'a', 'b', 'ban-in', 'da-danh-gia', 'exact', 'ts', 'cap', '_csrf'];
    const query = names.map((n) => `${encodeURIComponent(n)}=%FF%C3%28&${encodeURIComponent(n)}=2`).join('&');
    const wrong: string[] = [];
    for (const route of accessTable(t.app).filter((r) => r.method === 'GET')) {
      const url = `${urlOf(route).replace('*', 'x')}?${query}`;
      const res = route.url.startsWith('/admin')
        ? await admin.get(url)
        : await t.app.inject({ url, headers: { host: b.host, ...(route.url.startsWith('/api/') ? { authorization: `Bearer ${token}` } : {}) } });
      if (res.statusCode >= 500) wrong.push(`GET ${route.url}: ${res.statusCode}`);
      const leak = LEAKS.find((re) => re.test(res.body));
      if (leak && !/^(?:image|application\/(?:pdf|octet-stream|vnd))/.test(String(res.headers['content-type']))) wrong.push(`GET ${route.url} leaks ${leak}`);
    }
    assert.deepEqual(wrong, []);
  });

  test('a truncated question with an attachment gets a page in the reader’s language that says to send it again, and no case', async () => {
    const before = await snapshot();
    const truncated = BODIES.find((x) => x.name.startsWith('multipart cut off'))!;
    const question = routes.find((r) => r.url === '/hoi-dap/gui-cau-hoi')!;
    const vi = await send(question, truncated);
    assert.equal(vi.statusCode, 400);
    assert.match(vi.body, /<html lang="vi"/);
    assert.match(textOf(vi.body), /không đầy đủ.*gửi lại/i);
    assert.match(textOf(vi.body), /incomplete/, 'with English alongside, as the site has English');
    const en = await send(routes.find((r) => r.url === '/en/questions/ask')!, truncated);
    assert.equal(en.statusCode, 400);
    assert.match(en.body, /<html lang="en"/);
    assert.match(textOf(en.body), /incomplete.*send it again/i);
    assert.equal(await snapshot(), before);
  });

  test('the API answers deep JSON with its JSON error: 400 body_too_deep and the limit', async () => {
    const deep = BODIES[0]!;
    const res = await send({ method: 'POST', url: '/api/v1/articles', access: { kind: 'public' } }, deep);
    assert.equal(res.statusCode, 400);
    const json = res.json();
    assert.equal(json.error.code, 'body_too_deep');
    assert.match(json.error.message, /nested more than 64 levels/);
    assert.ok(json.requestId);
  });

  test('each upload route reads the multipart body and refuses a truncated one as incomplete', async () => {
    const truncated = BODIES.find((x) => x.name.startsWith('multipart cut off'))!;
    const uploads = routes.filter((r) => r.url.startsWith('/admin') && ['/admin/media', '/admin/media/video', '/admin/articles/import', '/admin/documents/import', '/admin/procedures/import', '/admin/procedures/:id/forms', '/admin/consultations/:id/files', '/admin/cases/:id/answer-files'].includes(r.url));
    assert.equal(uploads.length, 8);
    for (const route of uploads) {
      const res = await send(route, truncated);
      assert.equal(res.statusCode, 400, `${route.url}: ${res.body.slice(0, 300)}`);
      assert.match(textOf(res.body), /không đầy đủ/, route.url);
    }
  });
});
