// The back-office form of a procedure as flat values (rows numbered _0, _1…),
// read into a ProcedureInput and written back from one. Works without
// JavaScript: each repeatable group shows its rows plus a few empty ones.
import { blankDetails, LIMITS, ONLINE_LEVELS, PROCEDURE_LEVELS, SUBMISSION_METHODS, type OnlineLevel, type ProcedureInput, type ProcedureLevel } from '../../core/procedures/index.ts';
import { formatDate, parseDateInput } from '../../core/time.ts';
import { normalizeInput } from '../../core/vietnamese/index.ts';

export type Values = Record<string, string>;

/** Empty rows offered after the filled ones. */
export const EXTRA_ROWS = 3;

export const GROUPS = {
  step: ['step'],
  dossier: ['dossierName', 'dossierOriginals', 'dossierCopies', 'dossierNote'],
  fee: ['feeName', 'feeAmount'],
  legal: ['legalText', 'legalDoc'],
  form: ['formName', 'formPurpose', 'formMedia'],
} as const;
export type Group = keyof typeof GROUPS;

/** The body of a form post as NFC text values (multi-line text keeps its lines). */
export function valuesFromBody(body: unknown): Values {
  const out: Values = {};
  if (body === null || typeof body !== 'object') return out;
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    const single = Array.isArray(v) ? v[0] : v;
    if (typeof single === 'string' && k.length <= 40) out[k] = normalizeInput(single.replace(/\r\n/g, '\n'));
  }
  return out;
}

/** How many rows a group has in the values (the highest filled index + 1). */
export function filledRows(values: Values, group: Group): number {
  let n = 0;
  for (const [k, v] of Object.entries(values)) {
    const m = /^([a-zA-Z]+)_(\d+)$/.exec(k);
    if (m && (GROUPS[group] as readonly string[]).includes(m[1]!) && v.trim() && Number(m[2]) < LIMITS.rows + EXTRA_ROWS) n = Math.max(n, Number(m[2]) + 1);
  }
  return n;
}

const int = (v: string | undefined): number | null => {
  const t = (v ?? '').trim();
  if (!t) return null;
  return /^\d{1,6}$/.test(t) ? Number(t) : Number.NaN;
};
const lines = (v: string | undefined) => (v ?? '').split('\n').map((s) => s.trim()).filter(Boolean);

/** "03/2024" (or "3/2024", "2024-03") → '2024-03'; anything else kept as typed for the check to name. */
function monthOf(typed: string | undefined): string | null {
  const t = (typed ?? '').trim();
  if (!t) return null;
  const m = /^(\d{1,2})[/.-](\d{4})$/.exec(t);
  return m ? `${m[2]}-${m[1]!.padStart(2, '0')}` : t;
}

export function inputFromValues(v: Values): ProcedureInput {
  const d = blankDetails();
  const rows = (group: Group) => Array.from({ length: filledRows(v, group) }, (_, i) => i);
  d.steps = rows('step').map((i) => v[`step_${i}`] ?? '');
  d.methods = SUBMISSION_METHODS.filter((m) => v[`method_${m}`] === 'on').map((m) => ({ method: m, note: v[`methodNote_${m}`] ?? null }));
  d.place = v.place ?? null;
  d.dossier = rows('dossier').map((i) => {
    const name = v[`dossierName_${i}`] ?? '';
    const originals = int(v[`dossierOriginals_${i}`]);
    const copies = int(v[`dossierCopies_${i}`]);
    return { name, originals: originals ?? (copies ? 0 : 1), copies: copies ?? 0, note: v[`dossierNote_${i}`] ?? null };
  });
  // A row left empty (the defaults shown on a new row) is not a paper.
  d.dossier = d.dossier.filter((x, i) => x.name.trim() || (v[`dossierNote_${i}`] ?? '').trim());
  d.timeLimit = { text: v.timeLimit ?? '', workingDays: int(v.workingDays) };
  d.subjects = lines(v.subjects);
  d.result = v.result ?? '';
  d.fees = rows('fee').map((i) => ({ name: v[`feeName_${i}`] ?? '', amount: v[`feeAmount_${i}`] ?? '' }));
  d.legalBasis = rows('legal').map((i) => ({ text: v[`legalText_${i}`] ?? '', documentArticleId: int(v[`legalDoc_${i}`]) }));
  d.conditions = lines(v.conditions);
  d.forms = rows('form').map((i) => ({ name: v[`formName_${i}`] ?? '', purpose: v[`formPurpose_${i}`] ?? null, mediaId: int(v[`formMedia_${i}`]) }));
  const online = v.onlineLevel ?? 'none';
  d.online = { level: ((ONLINE_LEVELS as readonly string[]).includes(online) ? online : 'none') as OnlineLevel, url: v.onlineUrl ?? null, launchedOn: monthOf(v.onlineLaunched) };
  // A date typed in any other shape is kept as typed, so the check names it.
  const decisionDate = (v.decisionDate ?? '').trim();
  d.publication = { number: v.decisionNumber ?? null, date: decisionDate ? (parseDateInput(decisionDate) ?? decisionDate) : null, documentArticleId: int(v.decisionDoc) };
  d.handler = { name: v.handlerName ?? null, phone: v.handlerPhone ?? null, email: v.handlerEmail ?? null };
  const level = v.level ?? '';
  return {
    code: v.code ?? '',
    name: v.name ?? '',
    level: ((PROCEDURE_LEVELS as readonly string[]).includes(level) ? level : '') as ProcedureLevel,
    field: v.field ?? '',
    agency: v.agency ?? '',
    details: d,
  };
}

export function valuesFromInput(p: ProcedureInput): Values {
  const d = p.details;
  const v: Values = {
    code: p.code,
    name: p.name,
    level: p.level,
    field: p.field,
    agency: p.agency,
    place: d.place ?? '',
    timeLimit: d.timeLimit.text,
    workingDays: d.timeLimit.workingDays === null ? '' : String(d.timeLimit.workingDays),
    subjects: d.subjects.join('\n'),
    result: d.result,
    conditions: d.conditions.join('\n'),
    onlineLevel: d.online.level,
    onlineUrl: d.online.url ?? '',
    onlineLaunched: d.online.launchedOn ? `${d.online.launchedOn.slice(5, 7)}/${d.online.launchedOn.slice(0, 4)}` : '',
    decisionNumber: d.publication.number ?? '',
    decisionDate: d.publication.date ? formatDate(d.publication.date) : '',
    decisionDoc: d.publication.documentArticleId === null ? '' : String(d.publication.documentArticleId),
    handlerName: d.handler.name ?? '',
    handlerPhone: d.handler.phone ?? '',
    handlerEmail: d.handler.email ?? '',
  };
  d.steps.forEach((s, i) => (v[`step_${i}`] = s));
  for (const m of d.methods) {
    v[`method_${m.method}`] = 'on';
    v[`methodNote_${m.method}`] = m.note ?? '';
  }
  d.dossier.forEach((x, i) => {
    v[`dossierName_${i}`] = x.name;
    v[`dossierOriginals_${i}`] = String(x.originals);
    v[`dossierCopies_${i}`] = String(x.copies);
    v[`dossierNote_${i}`] = x.note ?? '';
  });
  d.fees.forEach((f, i) => {
    v[`feeName_${i}`] = f.name;
    v[`feeAmount_${i}`] = f.amount;
  });
  d.legalBasis.forEach((l, i) => {
    v[`legalText_${i}`] = l.text;
    v[`legalDoc_${i}`] = l.documentArticleId === null ? '' : String(l.documentArticleId);
  });
  d.forms.forEach((f, i) => {
    v[`formName_${i}`] = f.name;
    v[`formPurpose_${i}`] = f.purpose ?? '';
    v[`formMedia_${i}`] = f.mediaId === null ? '' : String(f.mediaId);
  });
  return v;
}
