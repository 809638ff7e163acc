// A report as it is shown, downloaded and printed: the administrative header
// (owning agency, issuing board, number, national motto, place and date), the
// title and subject, the computed or frozen sections, the board's assessment
// and proposals, the signature and the recipients. The page, the XLSX and the
// PDF are all drawn from this one value, so they cannot disagree.
import type { ReportKind } from '../../core/reports/section.ts';
import { vietnamDate } from '../../core/time.ts';
import type { ReportRow } from '../../platform/db/schema.ts';
import { roleLabel, type Site } from '../sites/site.ts';
import { KIND_NAMES, periodLabel, type ReportFigures } from './compute.ts';
import { frozenFigures } from './store.ts';

export interface ReportDocument {
  /** 'preview': computed now, not saved; 'draft': saved, figures still live; 'approved': frozen. */
  state: 'preview' | 'draft' | 'approved';
  id: number | null;
  version: number | null;
  kind: ReportKind;
  agency: string;
  issuer: string;
  number: string;
  place: string;
  /** The report's date (YYYY-MM-DD): its approval, or today for a draft. */
  date: string;
  subject: string;
  figures: ReportFigures;
  assessment: string;
  proposals: string;
  signerTitle: string;
  signerName: string | null;
  recipients: string[];
  reissueReason: string | null;
}

/** "Thanh Hóa, ngày 05 tháng 12 năm 2026" */
export function placeAndDate(place: string, date: string): string {
  const [y, m, d] = date.split('-');
  return `${place}, ngày ${d} tháng ${m} năm ${y}`;
}

/** The subject a draft starts with. */
export function defaultSubject(site: Pick<Site, 'name'>, figures: Pick<ReportFigures, 'kind' | 'period'>): string {
  const what = figures.kind === 'half_yearly' ? 'Sơ kết' : 'Kết quả';
  return `${what} hoạt động ${site.name} ${periodLabel(figures.period, 'vi')}`;
}

export function issuerOf(site: Pick<Site, 'labels'>): string {
  return roleLabel(site, 'board', 'vi');
}

/** The document of a stored version; its figures are frozen when approved, else the live ones given. */
export function documentOf(site: Site, row: ReportRow, live: ReportFigures | null): ReportDocument {
  const frozen = frozenFigures(row);
  const figures = frozen ?? live;
  if (!figures) throw new Error('a draft needs live figures');
  return {
    state: row.state === 'approved' ? 'approved' : 'draft',
    id: row.id,
    version: row.version,
    kind: row.kind as ReportKind,
    agency: site.agencyName,
    issuer: issuerOf(site),
    number: row.number,
    place: row.place,
    date: row.approved_at ? vietnamDate(new Date(row.approved_at)) : vietnamDate(new Date(figures.computedAt)),
    subject: row.subject,
    figures,
    assessment: row.assessment,
    proposals: row.proposals,
    signerTitle: row.signer_title,
    signerName: row.signer_name,
    recipients: row.recipients.split('\n').map((r) => r.trim()).filter(Boolean),
    reissueReason: row.reissue_reason,
  };
}

/** A preview of a period nobody prepared yet. */
export function previewDocument(site: Site, figures: ReportFigures): ReportDocument {
  return {
    state: 'preview',
    id: null,
    version: null,
    kind: figures.kind,
    agency: site.agencyName,
    issuer: issuerOf(site),
    number: '',
    place: '',
    date: vietnamDate(new Date(figures.computedAt)),
    subject: defaultSubject(site, figures),
    figures,
    assessment: '',
    proposals: '',
    signerTitle: roleLabel(site, 'editor_in_chief', 'vi'),
    signerName: null,
    recipients: [],
    reissueReason: null,
  };
}

/** A file name for downloads: bao-cao-thang-2026-11-v2. */
export function fileNameOf(doc: ReportDocument): string {
  const kind = { monthly: 'thang', half_yearly: '6-thang', yearly: 'nam' }[doc.kind];
  return `bao-cao-${kind}-${doc.figures.period.key}${doc.version ? `-v${doc.version}` : '-xem-truoc'}`;
}

export const kindName = (kind: ReportKind, lang: 'vi' | 'en') => KIND_NAMES[kind][lang];
