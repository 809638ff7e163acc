// The write load of goal 8, in a process of its own: every second a new
// article is created and taken through the site's review chain through the
// public HTTP API (POST /api/v1/articles, then POST /api/v1/articles/:id/actions
// with each board member's own API token), until the time is up.
// Argument: JSON { base, tokens: {person: token}, sectionId, unitId, seconds, everyMs }.
// Prints `PUBJSON {…}`.
import http from 'node:http';

interface Args {
  base: string;
  tokens: Record<string, string>;
  sectionId: number;
  unitId: number;
  seconds: number;
  everyMs: number;
}
const a = JSON.parse(process.argv[2] ?? '{}') as Args;
const STEPS: [string, string][] = [
  ['contributor', 'submit'],
  ['unit_head', 'approve'],
  ['secretariat', 'approve'],
  ['deputy', 'approve'],
  ['editor_in_chief', 'approve'],
  ['publisher', 'publish'],
];

function call(method: string, pathname: string, token: string, body: unknown): Promise<{ status: number; json: { id?: number; publication?: string; message?: string } }> {
  return new Promise((resolve, reject) => {
    const data = Buffer.from(JSON.stringify(body));
    const req = http.request(`${a.base}${pathname}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': data.length }, timeout: 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        let json = {};
        try {
          json = JSON.parse(text);
        } catch {
          json = { message: text.slice(0, 200) };
        }
        resolve({ status: res.statusCode ?? 0, json });
      });
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(data);
  });
}

async function publishOne(n: number): Promise<void> {
  const created = await call('POST', '/api/v1/articles', a.tokens.contributor!, {
    title: `Tin nóng số ${n}: xã Măng Đen thông báo lịch tiếp công dân tuần ${n}`,
    summary: `Ủy ban nhân dân xã thông báo lịch tiếp công dân (bản tin ${n} của bài đo tải ghi).`,
    bodyHtml: `<p>Ủy ban nhân dân xã Măng Đen thông báo lịch tiếp công dân định kỳ. Bản tin số ${n}.</p>`,
    sectionId: a.sectionId,
    unitId: a.unitId,
    kind: 'news',
    language: 'vi',
    // 001 Đ: a story names its source and author before it is submitted.
    source: 'Ủy ban nhân dân xã Măng Đen',
    authorName: 'Bài đo tải ghi',
  });
  if (created.status !== 201 || !created.json.id) throw new Error(`create: ${created.status} ${JSON.stringify(created.json).slice(0, 200)}`);
  for (const [person, action] of STEPS) {
    const r = await call('POST', `/api/v1/articles/${created.json.id}/actions`, a.tokens[person]!, { action });
    if (r.status !== 200) throw new Error(`${action} by ${person}: ${r.status} ${JSON.stringify(r.json).slice(0, 200)}`);
  }
}

const end = Date.now() + a.seconds * 1000;
let published = 0;
let failed = 0;
let firstError: string | null = null;
const times: number[] = [];
for (let n = 1; Date.now() < end; n += 1) {
  const started = Date.now();
  try {
    await publishOne(n);
    published += 1;
    times.push(Date.now() - started);
  } catch (error) {
    failed += 1;
    firstError ??= (error as Error).message;
  }
  const wait = started + a.everyMs - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, Math.min(wait, Math.max(0, end - Date.now()))));
}
times.sort((x, y) => x - y);
console.log(`PUBJSON ${JSON.stringify({ published, failed, firstError, medianMs: times[Math.floor(times.length / 2)] ?? 0, maxMs: times[times.length - 1] ?? 0 })}`);
