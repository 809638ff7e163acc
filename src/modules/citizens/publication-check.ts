// The gate before a case becomes public. The public title, text and answer
// are searched for the requester's own data (their name, phone, e-mail,
// identity number, address) and for anything shaped like personal data;
// publication is refused while any remains, unless the person ticks a
// confirmation and gives a reason, which the audit row and the case history
// keep. The publication form starts from the texts with the findings already
// masked, so the easy path is the safe one; the check still runs on whatever
// is submitted.
import { findPersonalData, maskPersonalData, type Finding, type OwnData } from '../../core/citizens/index.ts';
import { DomainError, type Problem } from '../../core/errors.ts';
import type { CitizenCaseRow } from '../../platform/db/schema.ts';
import type { Site } from '../sites/site.ts';
import { caseProblems as P } from './admin-messages.ts';
import { reasonProblem } from './manage-cases.ts';

export const PUBLIC_FIELDS = ['publicTitle', 'publicBody', 'publicAnswer'] as const;
export type PublicField = (typeof PUBLIC_FIELDS)[number];
export type PublicTexts = Record<PublicField, string>;

export interface FieldFindings {
  field: PublicField;
  /** The text as submitted, which the findings' positions refer to. */
  text: string;
  findings: Finding[];
}

export interface PersonalDataConfirmation {
  confirmed: boolean;
  reason: string | null;
}

/** Publication refused for personal data: the page shows the findings highlighted. */
export class PersonalDataError extends DomainError {
  constructor(
    problems: Problem[],
    readonly check: FieldFindings[],
  ) {
    super(problems, 422);
    this.name = 'PersonalDataError';
  }
}

function ownDataOf(row: CitizenCaseRow): OwnData {
  return { name: row.requester_name, email: row.requester_email, phone: row.requester_phone, address: row.requester_address, idNumber: row.requester_id_number };
}

/** The fields of `texts` that hold personal data, with what was found. */
export function checkPublicTexts(row: CitizenCaseRow, site: Site, texts: PublicTexts): FieldFindings[] {
  const own = ownDataOf(row);
  // The agency's own published contacts are not anyone's personal data.
  const options = { publicContacts: [site.contact.phone, site.contact.email] };
  return PUBLIC_FIELDS.map((field) => ({ field, text: texts[field], findings: findPersonalData(texts[field], own, options) })).filter((c) => c.findings.length > 0);
}

/** What the publication form starts from: what is public now, else the case's own words with the personal data masked. */
export function publicDefaults(row: CitizenCaseRow, site: Site): { texts: PublicTexts; masked: number } {
  const original: PublicTexts = { publicTitle: row.title, publicBody: row.body, publicAnswer: row.answer ?? '' };
  const check = checkPublicTexts(row, site, original);
  const masked = { ...original };
  for (const c of check) masked[c.field] = maskPersonalData(c.text, c.findings);
  return {
    texts: { publicTitle: row.public_title ?? masked.publicTitle, publicBody: row.public_body ?? masked.publicBody, publicAnswer: row.public_answer ?? masked.publicAnswer },
    masked: check.reduce((n, c) => n + c.findings.length, 0),
  };
}

export interface PublicationGate {
  /** For the audit row: what was found (kinds, never the data itself) and the confirmation. */
  audit: { found: { field: PublicField; kind: string; own: boolean }[]; reason: string } | null;
  /** For the case history. */
  note: string | null;
}

/**
 * Adds the personal-data problems to the others and throws them all, or
 * says what the audit and the history keep of a confirmed publication.
 */
export function gatePublication(row: CitizenCaseRow, site: Site, texts: PublicTexts, confirmation: PersonalDataConfirmation | undefined, problems: Problem[]): PublicationGate {
  const check = checkPublicTexts(row, site, texts);
  if (check.length > 0) {
    if (!confirmation?.confirmed) problems.push({ ...P.personalDataFound, field: 'confirmPersonalData' });
    else {
      const [missing, problem] = reasonProblem(confirmation.reason, 'personalDataReason', P.personalDataReason);
      if (missing) problems.push(problem);
    }
    if (problems.length > 0) throw new PersonalDataError(problems, check);
  }
  if (problems.length > 0) throw new DomainError(problems);
  if (check.length === 0) return { audit: null, note: null };
  const reason = confirmation!.reason!.trim();
  const found = check.flatMap((c) => c.findings.map((f) => ({ field: c.field, kind: f.kind, own: f.own })));
  return { audit: { found, reason }, note: `${P.personalDataConfirmed.vi}: ${reason}` };
}
