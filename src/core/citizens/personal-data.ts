// Personal data in what the board is about to publish (the public title and
// text of a citizen's question or petition, and the answer): the requester's
// own name, phone, e-mail, identity number and address, and anything shaped
// like a Vietnamese phone number, an e-mail address or an identity number
// (CCCD 12 digits, CMND 9). Findings carry their position so a page can
// highlight them and a form can offer the text with them masked.
//
// The gate must stay usable on ordinary answers, so dates (12/03/2026,
// 05.03.2026), document numbers (42/2022/NĐ-CP), articles, amounts
// (1.500.000 đồng) and postal codes are not phone or identity numbers, and the
// agency's own published contacts (and any *.gov.vn address) are not personal.
// Pure: no I/O. Texts are expected in NFC, as every entry point makes them.
import { findFolded, fold, foldedTermRegex, foldWithOffsets, type FoldedText } from '../vietnamese/index.ts';

export const PERSONAL_DATA_KINDS = ['name', 'phone', 'email', 'id_number', 'address'] as const;
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number];

/** What the requester gave about themselves (the requester_* columns of a case). */
export interface OwnData {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  address?: string | null;
  idNumber?: string | null;
}

export interface Finding {
  kind: PersonalDataKind;
  /** UTF-16 offsets in the text searched: text.slice(start, end) is what was found. */
  start: number;
  end: number;
  text: string;
  /** The requester's own data (not only something shaped like it). */
  own: boolean;
}

export interface DetectOptions {
  /** The agency's own published phone numbers and e-mail addresses: never personal data. */
  publicContacts?: readonly (string | null | undefined)[];
}

/** Every piece of personal data in `text`, in order, without overlaps (the requester's own first, then the longest). */
export function findPersonalData(text: string, own: OwnData, options: DetectOptions = {}): Finding[] {
  if (!text) return [];
  const folded = foldWithOffsets(text);
  const ownPhone = own.phone ? nationalDigits(own.phone) : null;
  const ownEmail = own.email?.trim().toLowerCase() || null;
  const ownId = own.idNumber ? own.idNumber.replace(/[\s.]/g, '') : null;
  const contacts = new Set(
    (options.publicContacts ?? []).filter((c): c is string => Boolean(c)).flatMap((c) => (c.includes('@') ? [c.trim().toLowerCase()] : c.split(/[,;/]/).map(nationalDigits))),
  );
  const candidates: Finding[] = [];
  const add = (kind: PersonalDataKind, start: number, end: number, isOwn: boolean) => candidates.push({ kind, start, end, text: text.slice(start, end), own: isOwn });

  // The requester's own data, however it is written.
  for (const r of nameRanges(text, folded, own.name)) add('name', r.start, r.end, true);
  for (const r of addressRanges(folded, own.address)) add('address', r.start, r.end, true);
  if (ownPhone && ownPhone.length >= 9) for (const r of digitRanges(text, ownPhone.replace(/^0/, ''), true)) add('phone', r.start, r.end, true);
  if (ownId && /^\d{6,}$/.test(ownId)) for (const r of digitRanges(text, ownId, false)) add('id_number', r.start, r.end, true);
  else if (ownId && ownId.length >= 6) for (const r of findFolded(folded, foldedTermRegex(ownId)!)) add('id_number', r.start, r.end, true);

  // Anything shaped like personal data (the requester's own e-mail is found this way too).
  for (const m of text.matchAll(EMAIL)) {
    const address = m[0].toLowerCase();
    const isOwn = address === ownEmail;
    if (!isOwn && (contacts.has(address) || /\.gov\.vn$/.test(address))) continue;
    add('email', m.index, m.index + m[0].length, isOwn);
  }
  for (const phone of phoneRanges(text)) {
    const isOwn = phone.digits === ownPhone;
    if (!isOwn && contacts.has(phone.digits)) continue;
    add('phone', phone.start, phone.end, isOwn);
  }
  for (const m of text.matchAll(ID_NUMBER)) {
    if (CURRENCY_AFTER.test(text.slice(m.index + m[0].length, m.index + m[0].length + 12))) continue;
    add('id_number', m.index, m.index + m[0].length, m[0].replace(/[\s.]/g, '') === ownId);
  }
  return settle(candidates);
}

/** The text cut at its findings, for a page that marks them. */
export function splitAtFindings(text: string, findings: readonly Finding[]): { text: string; finding: Finding | null }[] {
  const out: { text: string; finding: Finding | null }[] = [];
  let at = 0;
  for (const f of [...findings].sort((a, b) => a.start - b.start)) {
    if (f.start < at) continue;
    if (f.start > at) out.push({ text: text.slice(at, f.start), finding: null });
    out.push({ text: text.slice(f.start, f.end), finding: f });
    at = f.end;
  }
  if (at < text.length) out.push({ text: text.slice(at), finding: null });
  return out;
}

/** The text with every finding replaced by "…". */
export function maskPersonalData(text: string, findings: readonly Finding[], mask = '…'): string {
  return splitAtFindings(text, findings)
    .map((s) => (s.finding ? mask : s.text))
    .join('');
}

/** Overlapping candidates: the requester's own data wins, then the longer one. */
function settle(candidates: Finding[]): Finding[] {
  const ranked = [...candidates].sort((a, b) => Number(b.own) - Number(a.own) || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Finding[] = [];
  for (const f of ranked) if (!kept.some((k) => f.start < k.end && k.start < f.end)) kept.push(f);
  return kept.sort((a, b) => a.start - b.start);
}

// ---- Names ----

// How a person is addressed before the given name ("bà Hoa", "Ông/Bà An").
const HONORIFIC_BEFORE = /(?:^|[^\p{L}\p{N}])(?:ông|bà|anh|chị|cô|chú|bác|em|cháu|cụ)(?:\s*[/(]\s*(?:ông|bà|anh|chị)\s*\)?)?\s+$/iu;

/**
 * The full name without regard to diacritics or case; the name without the
 * family name ("Thị Hoa") when written with capitals; the given name alone
 * only after a form of address and with a capital ("bà Hoa") — a bare "hoa"
 * would flag "đơn giản hóa".
 */
function nameRanges(text: string, folded: FoldedText, name: string | null | undefined): { start: number; end: number }[] {
  const words = fold(name ?? '').split(' ').filter(Boolean);
  if (words.length === 0) return [];
  const capitalised = (r: { start: number; end: number }) => text.slice(r.start, r.end).split(/\s+/).every((w) => /^\p{Lu}/u.test(w));
  const out: { start: number; end: number }[] = [];
  const find = (term: string) => {
    const regex = foldedTermRegex(term);
    return regex ? findFolded(folded, regex) : [];
  };
  if (words.length >= 2) out.push(...find(words.join(' ')));
  if (words.length >= 3) out.push(...find(words.slice(1).join(' ')).filter(capitalised));
  const given = words.at(-1)!;
  if (given.length >= 2) out.push(...find(given).filter((r) => capitalised(r) && HONORIFIC_BEFORE.test(text.slice(0, r.start))));
  return out;
}

// ---- Addresses ----

// Parts of an address that name a commune, district or province are shared by
// thousands (and by the agency itself); the hamlet, street and house are not.
const ADMINISTRATIVE = /^(?:xa|phuong|thi tran|thi xa|huyen|quan|thanh pho|tp|tinh|tx|tt)(?:\s|\.|$)/;
const LOCALITY = /^(?:so nha|so|thon|xom|ap|ban|buon|plei|lang|to dan pho|to|khu pho|khu|khoi|duong|pho|ngo|ngach|hem|kiet|cum)(?:\s|\.|$)/;

function addressRanges(folded: FoldedText, address: string | null | undefined): { start: number; end: number }[] {
  if (!address) return [];
  const out: { start: number; end: number }[] = [];
  for (const part of address.split(/[,;\n]/)) {
    const key = fold(part);
    if (key.length < 4 || ADMINISTRATIVE.test(key) || !(/\d/.test(key) || LOCALITY.test(key))) continue;
    const regex = foldedTermRegex(part);
    if (regex) out.push(...findFolded(folded, regex));
  }
  return out;
}

// ---- Numbers ----

/** A phone number as a national number with its leading 0: "+84 912.345.678" → "0912345678". */
export function nationalDigits(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  const international = phone.trim().startsWith('+') || (digits.startsWith('84') && digits.length >= 11);
  return international && digits.startsWith('84') ? `0${digits.slice(2).replace(/^0/, '')}` : digits;
}

// Digits with at most two separators between them ("0912 345 678", "(024) 3825").
const DIGIT_RUN = /\d(?:[\s.\-()]{0,2}\d)*/g;

/**
 * Where `wanted` digits appear in the text whatever the separators between
 * them; with `phonePrefix`, a 0 or 84 (and + or parenthesis) just before is
 * part of it.
 */
function digitRanges(text: string, wanted: string, phonePrefix: boolean): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const run of text.matchAll(DIGIT_RUN)) {
    const positions: number[] = [];
    let digits = '';
    for (let i = 0; i < run[0].length; i++) {
      if (/\d/.test(run[0][i]!)) {
        digits += run[0][i];
        positions.push(run.index + i);
      }
    }
    for (let k = digits.indexOf(wanted); k >= 0; k = digits.indexOf(wanted, k + wanted.length)) {
      let first = k;
      if (phonePrefix && first >= 1 && digits[first - 1] === '0') first -= 1;
      else if (phonePrefix && first >= 2 && digits.slice(first - 2, first) === '84') first -= 2;
      let start = positions[first]!;
      while (phonePrefix && start > 0 && /[+(]/.test(text[start - 1]!)) start -= 1;
      out.push({ start, end: positions[k + wanted.length - 1]! + 1 });
    }
  }
  return out;
}

// Runs of digit groups separated by one space, dot or hyphen, with the
// parentheses and + of phone numbers ("(024) 3825 1234", "+84 (0) 912 345 678").
const GROUP_RUN = /[+(]{0,2}\d+\)?(?:[ \u00a0.\-][+(]{0,2}\d+\)?)*/g;
const GROUP = /([ \u00a0.\-]?)([+(]{0,2})(\d+)(\)?)/g;

interface Group {
  sep: string;
  open: string;
  digits: string;
  close: string;
  start: number;
  end: number;
}

// Mobile numbers are 10 digits from 03, 05, 07, 08, 09; fixed lines 11 from
// 02 (10 before 2017). Nothing else starting with 0 is 10 or 11 digits long.
const NATIONAL = /^(?:0[2-9]\d{8}|02\d{9})$/;

/** Vietnamese phone numbers as people write them. */
function phoneRanges(text: string): { start: number; end: number; digits: string }[] {
  const out: { start: number; end: number; digits: string }[] = [];
  for (const run of text.matchAll(GROUP_RUN)) {
    const groups: Group[] = [...run[0].matchAll(GROUP)].map((g) => ({
      sep: g[1]!,
      open: g[2]!,
      digits: g[3]!,
      close: g[4]!,
      start: run.index + g.index + g[1]!.length,
      end: run.index + g.index + g[0].length,
    }));
    const before = text[run.index - 1] ?? '';
    const after = (j: number) => text.slice(groups[j]!.end, groups[j]!.end + 2);
    let i = 0;
    while (i < groups.length) {
      // A number starts at the start of the run, or after a space inside it.
      const startsHere = i === 0 ? !/[\p{L}\p{N}_/\\@]/u.test(before) : /\s/.test(groups[i]!.sep);
      let best: { j: number; digits: string } | null = null;
      for (let j = i; startsHere && j < Math.min(groups.length, i + 7); j++) {
        const endsHere = j === groups.length - 1 ? !/^(?:[\p{L}\p{N}_/@]|[.,]\d)/u.test(after(j)) : /\s/.test(groups[j + 1]!.sep);
        const digits = endsHere ? phoneOf(groups.slice(i, j + 1)) : null;
        if (digits) best = { j, digits };
      }
      if (best) {
        out.push({ start: groups[i]!.start, end: groups[best.j]!.end, digits: best.digits });
        i = best.j + 1;
      } else i++;
    }
  }
  return out;
}

/** The national number if these groups are written as a phone number. */
function phoneOf(groups: Group[]): string | null {
  // A parenthesis opens and closes in the same group: "(024)", "(+84)", "(0)".
  if (groups.some((g) => g.open.includes('(') !== (g.close === ')') || (g.open.includes('+') && g !== groups[0]))) return null;
  const first = groups[0]!;
  const international = first.digits === '84' && (first.open.includes('+') || groups.length > 1);
  const plusJoined = first.open.includes('+') && first.digits.startsWith('84') && first.digits.length > 2;
  let national = groups;
  let digits: string;
  if (international) {
    national = groups.slice(1);
    if (national[0]?.digits === '0' && national[0].open === '(') national = national.slice(1);
    digits = `0${national.map((g) => g.digits).join('').replace(/^0/, '')}`;
  } else if (plusJoined) {
    digits = `0${first.digits.slice(2)}`;
  } else {
    if (first.open.includes('+')) return null;
    digits = groups.map((g) => g.digits).join('');
  }
  if (!NATIONAL.test(digits) || national.length === 0 || national.length > 5) return null;
  if (national.length > 1) {
    // Grouped as phone numbers are (0912 345 678, 024.3825.1234): short
    // groups, one kind of separator; "05.03.2026 15" is a date and an hour.
    if (national.some((g) => g.digits.length < 2 || g.digits.length > 4)) return null;
    const seps = new Set(national.slice(1).map((g) => (/\s/.test(g.sep) ? ' ' : g.sep)));
    if (seps.size > 1) return null;
  }
  return digits;
}

// CCCD (12 digits from a 0 province code, sometimes in groups of three) and
// CMND (9 digits), standing alone: not inside a longer number, a document
// number (…/QĐ) or an amount.
const ID_NUMBER = /(?<![\p{L}\p{N}_/.,\-])(?:0\d{11}|0\d{2}([ .])\d{3}\1\d{3}\1\d{3}|\d{9})(?![\p{L}\p{N}_/]|[.,\-]\d)/gu;
const CURRENCY_AFTER = /^\s*(?:đồng|đ|vnđ|vnd|usd|triệu|tỷ|nghìn|ngàn)(?![\p{L}])/iu;

const EMAIL = /[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)*\.\p{L}{2,}/gu;
