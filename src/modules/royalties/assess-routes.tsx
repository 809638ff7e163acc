// Assessing one item over HTTP (/admin/royalties/assess/:id): the item, the
// policy in force on its publication date, the versions so far and their
// ledger lines (royalties.view, read-only), and the form to assess or
// re-assess it (royalties.assess). A preview, or a refused save, shows the
// computed amounts before anything is written; the budget warning asks for a
// tick before going on. Also registers the queue and payee pages.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../core/errors.ts';
import { can, type Grants } from '../../core/permissions.ts';
import { assessAmount, capOf, formatCoefficient, parseCoefficient, splitByShares, unitValueOf, type AssessedAmount } from '../../core/royalties/amount.ts';
import { formatVnd } from '../../core/royalties/money.ts';
import { periodLabel } from '../../core/royalties/period.ts';
import { LINE_KIND_LABELS, SHARE_ROLE_LABELS, SHARE_ROLES, type LineKind, type ShareRole } from '../../core/royalties/policy.ts';
import { formatDate, formatDateTime } from '../../core/time.ts';
import type { Db } from '../../platform/db/database.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.tsx';
import { redirectWithFlash } from '../../platform/http/flash.ts';
import { addProblems, FormReader, type FormValues } from '../../platform/http/form.ts';
import { actorOf, idParam } from '../../platform/http/request-info.ts';
import { defineMessages, format, type Lang } from '../../ui/i18n.ts';
import { AdminLayout } from '../../ui/layout.tsx';
import { common } from '../../ui/messages.ts';
import { CsrfField, emptyForm, ErrorSummary, SelectField, TextArea, TextField, type FormState, type Option } from '../../ui/components/form.tsx';
import { ARTICLE_KIND_LABELS, isArticleKind, publicPathOf } from '../articles/article.ts';
import { pageContext, sendHtml } from '../backoffice/render.ts';
import type { PageContext } from '../../ui/page-context.ts';
import {
  assessItem, assessmentVersions, findAssessableItem, formatShareBp, usualGenre, itemLines, OverBudgetError, parseShareBp, planAssessment, prefillFor,
  REMUNERATION_KINDS, type AssessableItem, type AssessInput, type AssessmentPlan, type AssessmentVersion, type ItemLine, type PayeeRef, type RemunerationKind,
} from './assess.ts';
import { RoyaltyNav } from './nav.tsx';
import { registerPayeeRoutes } from './payees-routes.tsx';
import { policyOn, type PolicyInForce } from './policy-store.ts';
import { POLICY_PAGE, QUEUE_PAGE, registerQueueRoutes } from './queue-routes.tsx';

const ASSESS_PAGE = '/admin/royalties/assess';
/** Share rows on the form: the filled ones and spare empty ones (no script needed to add a row). */
const MAX_SHARES = 10;

export const assessText = defineMessages({
  vi: {
    title: 'Chấm nhuận bút',
    item: 'Tin bài',
    published: 'Ngày đăng',
    kind: 'Loại',
    byline: 'Tác giả (dòng ký tên)',
    unit: 'Đơn vị',
    creator: 'Người tạo',
    state: 'Tình trạng',
    stillPublished: 'Đang đăng',
    takenDown: 'Đã gỡ xuống hoặc ngừng đăng',
    reader: 'Bài cộng tác của bạn đọc',
    links: 'Xem',
    publicPage: 'Trang công khai',
    backOffice: 'Trong hệ thống',
    policyTitle: 'Chế độ nhuận bút áp dụng vào ngày đăng',
    owner: 'Ban hành bởi',
    national: 'Quy định chung của Nhà nước',
    ownSite: 'Chế độ riêng của trang',
    inherited: 'Chế độ của {name}',
    citation: 'Căn cứ',
    inForce: 'Hiệu lực',
    fromTo: 'từ {from} đến {to}',
    fromOpen: 'từ {from}',
    unitValue: 'Giá trị một đơn vị hệ số',
    cap: 'Mức tối đa mỗi tin bài',
    noCap: 'Không giới hạn',
    unknown: 'Chưa có số liệu',
    paymentDays: 'Thời hạn trả',
    days: '{n} ngày kể từ ngày đăng',
    noPolicy: 'Không có chế độ nhuận bút nào áp dụng vào ngày đăng tin bài này (ví dụ: từ 01/09/2026 Nghị định 18/2014 hết hiệu lực, mà tỉnh và trang chưa ban hành bảng nhuận bút riêng), nên chưa chấm được.',
    noPolicyLink: 'Xem và ban hành chế độ nhuận bút',
    formTitle: 'Chấm nhuận bút',
    reassessTitle: 'Chấm lại nhuận bút',
    genre: 'Thể loại',
    chooseGenre: '— Chọn thể loại —',
    genreOption: '{label} (hệ số {min}–{max})',
    coefficient: 'Hệ số',
    coefficientHint: 'Số thập phân dùng dấu phẩy, ví dụ 2,5.',
    coefficientRanges: 'Khung hệ số theo thể loại: {ranges}.',
    coefficientInvalid: 'Hệ số phải là số, tối đa hai chữ số thập phân (ví dụ 2,5).',
    percent: 'Tỷ lệ so với tác phẩm gốc (%)',
    percentHint: 'Chỉ dùng cho bài dịch ({tmin}–{tmax} %) và tác phẩm sử dụng lại ({rmin}–{rmax} %).',
    qualityNote: 'Nhận xét chất lượng',
    shares: 'Chia nhuận bút',
    sharesHint: 'Mỗi dòng một người nhận; tổng tỷ lệ phải bằng 100 %. Để trống người nhận ở dòng không dùng.',
    payee: 'Người nhận',
    role: 'Vai trò',
    sharePct: 'Tỷ lệ (%)',
    rowLabel: 'dòng {n}',
    noPayee: '— Không chọn —',
    memberNoRecord: '{name} (thành viên, sẽ tạo hồ sơ người nhận)',
    penNames: 'bút danh: {names}',
    payeeRequired: 'Chọn người nhận cho dòng có tỷ lệ.',
    pctInvalid: 'Tỷ lệ phải là số từ 0 đến 100, tối đa hai chữ số thập phân.',
    remTitle: 'Thù lao theo tin bài',
    remHint: 'Theo chế độ đang áp dụng. Chọn "Không chọn" để bỏ một khoản.',
    remAmount: '{label}: {amount} đ',
    remNone: 'Chế độ đang áp dụng không trả thù lao biên tập, sưu tầm, duyệt theo từng tin bài.',
    includeReader: 'Chấm nhuận bút cho bài cộng tác của bạn đọc này',
    includeReaderHint: 'Chế độ không trả nhuận bút cho bài cộng tác của bạn đọc, trừ khi người chấm chọn.',
    reason: 'Lý do chấm lại',
    reasonHint: 'Bắt buộc khi chấm lại; được lưu vào nhật ký.',
    preview: 'Tính thử',
    save: 'Ghi nhận',
    result: 'Kết quả tính (chưa ghi nhận)',
    computation: 'Hệ số {c} × {uv} đ',
    percentPart: ' × {p} %',
    equals: ' = {gross} đ',
    capped: '; áp mức tối đa {cap} đ',
    royalty: 'Nhuận bút',
    total: 'Tổng cộng (nhuận bút và thù lao)',
    budgetTitle: 'Cảnh báo: vượt dự toán nhuận bút năm {year}',
    approved: 'Dự toán được duyệt',
    spent: 'Đã chi, đã ghi nhận',
    thisAmount: 'Lần chấm này',
    after: 'Sau khi ghi nhận',
    acceptOverBudget: 'Vẫn ghi nhận dù vượt dự toán',
    readOnly: 'Bạn chỉ có quyền xem. Trưởng Ban biên tập (hoặc người được ủy quyền) chấm nhuận bút.',
    versions: 'Các lần chấm',
    version: 'Lần',
    when: 'Thời điểm',
    by: 'Người chấm',
    amount: 'Số tiền',
    note: 'Nhận xét, lý do',
    overBudgetTag: 'vượt dự toán',
    linesTitle: 'Các khoản phải trả (sổ nhuận bút)',
    period: 'Kỳ',
    what: 'Nội dung',
    status: 'Tình trạng',
    voided: 'Đã thay thế',
    paid: 'Đã trả {date}',
    unpaid: 'Chưa trả',
    corrects: 'điều chỉnh khoản số {id}',
    lineNo: 'Số',
    noLines: 'Chưa có khoản nào.',
    saved: 'Đã ghi nhận nhuận bút.',
    back: 'Về danh sách chấm nhuận bút',
  },
  en: {
    title: 'Royalty assessment',
    item: 'Item',
    published: 'Published',
    kind: 'Kind',
    byline: 'Byline',
    unit: 'Unit',
    creator: 'Created by',
    state: 'State',
    stillPublished: 'Published',
    takenDown: 'Taken down or unpublished',
    reader: 'Reader’s contribution',
    links: 'See',
    publicPage: 'Public page',
    backOffice: 'Back office',
    policyTitle: 'Royalty policy in force on the publication date',
    owner: 'Set by',
    national: 'National rules',
    ownSite: 'This site’s own policy',
    inherited: 'Policy of {name}',
    citation: 'Basis',
    inForce: 'In force',
    fromTo: 'from {from} to {to}',
    fromOpen: 'from {from}',
    unitValue: 'Value of one coefficient unit',
    cap: 'Most per item',
    noCap: 'No cap',
    unknown: 'Not recorded',
    paymentDays: 'Pay within',
    days: '{n} days of publication',
    noPolicy: 'No royalty policy was in force on this item’s publication date (e.g. from 1 Sep 2026 Decree 18/2014 ended and neither the province nor the site has its own table), so it cannot be assessed.',
    noPolicyLink: 'See and record the royalty policy',
    formTitle: 'Assess',
    reassessTitle: 'Re-assess',
    genre: 'Genre',
    chooseGenre: '— Choose a genre —',
    genreOption: '{label} (coefficient {min}–{max})',
    coefficient: 'Coefficient',
    coefficientHint: 'Decimal comma, e.g. 2,5.',
    coefficientRanges: 'Ranges per genre: {ranges}.',
    coefficientInvalid: 'The coefficient must be a number with at most two decimals (e.g. 2,5).',
    percent: 'Percentage of the original (%)',
    percentHint: 'Only for translations ({tmin}–{tmax} %) and reused work ({rmin}–{rmax} %).',
    qualityNote: 'Quality note',
    shares: 'Shares',
    sharesHint: 'One payee per row; the shares must total 100 %. Leave the payee empty on unused rows.',
    payee: 'Payee',
    role: 'Role',
    sharePct: 'Share (%)',
    rowLabel: 'row {n}',
    noPayee: '— None —',
    memberNoRecord: '{name} (member; a payee record will be created)',
    penNames: 'pen names: {names}',
    payeeRequired: 'Choose the payee of a row with a share.',
    pctInvalid: 'A share is a number from 0 to 100 with at most two decimals.',
    remTitle: 'Per-item remuneration',
    remHint: 'As the policy in force sets. Choose "None" to leave one out.',
    remAmount: '{label}: {amount} VND',
    remNone: 'The policy in force pays no editing, collecting or approving per item.',
    includeReader: 'Assess this reader’s contribution',
    includeReaderHint: 'The policy pays no royalty for readers’ contributions unless the assessor chooses to.',
    reason: 'Reason for re-assessing',
    reasonHint: 'Required to re-assess; kept in the audit log.',
    preview: 'Compute',
    save: 'Record',
    result: 'Computed (not recorded yet)',
    computation: 'Coefficient {c} × {uv} VND',
    percentPart: ' × {p} %',
    equals: ' = {gross} VND',
    capped: '; capped at {cap} VND',
    royalty: 'Royalty',
    total: 'Total (royalty and remuneration)',
    budgetTitle: 'Warning: over the {year} royalties budget',
    approved: 'Approved budget',
    spent: 'Spent or recorded',
    thisAmount: 'This assessment',
    after: 'After recording',
    acceptOverBudget: 'Record it despite the budget',
    readOnly: 'You may only view. The editor-in-chief (or a delegate) assesses royalties.',
    versions: 'Assessments',
    version: 'Version',
    when: 'When',
    by: 'Assessed by',
    amount: 'Amount',
    note: 'Note, reason',
    overBudgetTag: 'over budget',
    linesTitle: 'Amounts owed (royalty ledger)',
    period: 'Period',
    what: 'Description',
    status: 'Status',
    voided: 'Replaced',
    paid: 'Paid {date}',
    unpaid: 'Unpaid',
    corrects: 'corrects line {id}',
    lineNo: 'No.',
    noLines: 'No line yet.',
    saved: 'Royalty recorded.',
    back: 'Back to the assessment queue',
  },
});

const refValue = (ref: PayeeRef): string => ('payeeId' in ref ? `p${ref.payeeId}` : `u${ref.userId}`);

function parseRef(value: string): PayeeRef | null {
  const m = /^([pu])([1-9]\d{0,15})$/.exec(value);
  if (!m) return null;
  return m[1] === 'p' ? { payeeId: Number(m[2]) } : { userId: Number(m[2]) };
}

/** Active payees, then members who have no payee record yet. */
async function payeeOptions(db: Db, siteId: number, lang: Lang): Promise<Option[]> {
  const t = assessText(lang);
  const payees = await db
    .selectFrom('royalty_payees')
    .leftJoin('units', 'units.id', 'royalty_payees.unit_id')
    .select(['royalty_payees.id', 'royalty_payees.full_name', 'royalty_payees.pen_names', 'royalty_payees.user_id', 'units.name as unit_name'])
    .where('royalty_payees.site_id', '=', siteId)
    .where('royalty_payees.active', '=', 1)
    .orderBy('royalty_payees.full_name')
    .execute();
  const withPayee = new Set(
    (await db.selectFrom('royalty_payees').select('user_id').where('site_id', '=', siteId).where('user_id', 'is not', null).execute()).map((r) => r.user_id),
  );
  const members = await db.selectFrom('memberships').innerJoin('users', 'users.id', 'memberships.user_id').select(['users.id', 'users.name']).where('memberships.site_id', '=', siteId).orderBy('users.name').execute();
  const options: Option[] = payees.map((p) => {
    let pens: string[] = [];
    try {
      pens = JSON.parse(p.pen_names) as string[];
    } catch {
      pens = [];
    }
    const extra = [pens.length > 0 ? format(t.penNames, { names: pens.join(', ') }) : null, p.unit_name].filter(Boolean).join('; ');
    return { value: `p${p.id}`, label: extra ? `${p.full_name} (${extra})` : p.full_name };
  });
  for (const m of members) if (!withPayee.has(m.id)) options.push({ value: `u${m.id}`, label: format(t.memberNoRecord, { name: m.name }) });
  return options;
}

function single(values: FormValues, name: string): string {
  const v = values[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

/** The form's first values: the latest version's, else a proposal from the byline and the history. */
async function initialForm(db: Db, item: AssessableItem, policy: PolicyInForce | null, latest: AssessmentVersion | null): Promise<FormState> {
  const values: FormValues = {};
  if (latest) {
    // The percentage of an original belongs to translations and reused work only: written work shows none.
    const basis = policy?.policy.genres.find((g) => g.key === latest.genreKey)?.basis;
    const percent = basis && basis !== 'creation' ? String(latest.percent) : '';
    Object.assign(values, { genre: latest.genreKey, coefficient: formatCoefficient(latest.coefficientX100), percent, qualityNote: latest.qualityNote ?? '' });
    latest.shares.forEach((s, i) => Object.assign(values, { [`share${i}Payee`]: `p${s.payeeId}`, [`share${i}Role`]: s.role, [`share${i}Pct`]: formatShareBp(s.bp) }));
    for (const kind of REMUNERATION_KINDS) values[`rem_${kind}`] = '';
    for (const r of latest.remuneration) values[`rem_${r.kind}`] = `p${r.payeeId}`;
    if (item.readerContribution) values.includeReaderContribution = 'on';
    return emptyForm(values);
  }
  const prefill = await prefillFor(db, item);
  const genre = usualGenre(item);
  if (genre && policy?.policy.genres.some((g) => g.key === genre)) values.genre = genre;
  const basis = policy?.policy.genres.find((g) => g.key === genre)?.basis;
  if (basis === 'translation') values.percent = String(policy!.policy.translationPercent.max);
  if (basis === 'reuse') values.percent = String(Math.max(policy!.policy.reusePercent.min, Math.min(100, policy!.policy.reusePercent.max)));
  Object.assign(values, { share0Payee: refValue(prefill.author), share0Role: 'author', share0Pct: '100' });
  for (const kind of REMUNERATION_KINDS) {
    const ref = prefill.remuneration[kind];
    values[`rem_${kind}`] = ref ? refValue(ref) : '';
  }
  return emptyForm(values);
}

function filledShareRows(values: FormValues): number {
  let last = -1;
  for (let i = 0; i < MAX_SHARES; i++) if (single(values, `share${i}Payee`) || single(values, `share${i}Pct`)) last = i;
  return last + 1;
}

/** Reads the form into an assessment; problems of shape go beside their fields. */
function readForm(body: Record<string, unknown>, lang: Lang, articleId: number, policy: PolicyInForce): { form: FormReader; input: AssessInput | null; preview: boolean } {
  const t = assessText(lang);
  const form = new FormReader(body, lang);
  const genreKey = form.choice('genre', policy.policy.genres.map((g) => g.key), { label: t.genre, required: true });
  const rawCoefficient = form.text('coefficient', { label: t.coefficient, required: true, max: 10 });
  const coefficientX100 = rawCoefficient === null ? null : parseCoefficient(rawCoefficient);
  if (rawCoefficient !== null && coefficientX100 === null) form.fail('coefficient', t.coefficientInvalid);
  const genre = policy.policy.genres.find((g) => g.key === genreKey);
  const percent = genre && genre.basis !== 'creation' ? form.integer('percent', { label: t.percent, required: true, minValue: 0, maxValue: 100 }) : (form.text('percent', { label: t.percent, max: 3 }), 100);
  const qualityNote = form.text('qualityNote', { label: t.qualityNote, max: 1000 });
  const shares: AssessInput['shares'] = [];
  for (let i = 0; i < MAX_SHARES; i++) {
    const label = `${t.payee} (${format(t.rowLabel, { n: i + 1 })})`;
    const payee = form.text(`share${i}Payee`, { label, max: 20 });
    const role = form.choice(`share${i}Role`, SHARE_ROLES, { label: t.role });
    const pctRaw = form.text(`share${i}Pct`, { label: t.sharePct, max: 8 });
    if (payee === null && pctRaw === null) continue;
    const ref = payee === null ? null : parseRef(payee);
    if (ref === null) {
      form.fail(`share${i}Payee`, t.payeeRequired);
      continue;
    }
    const bp = pctRaw === null ? null : parseShareBp(pctRaw);
    if (bp === null) {
      form.fail(`share${i}Pct`, t.pctInvalid);
      continue;
    }
    shares.push({ payee: ref, role: (role ?? 'author') as ShareRole, bp });
  }
  const remuneration: AssessInput['remuneration'] = [];
  for (const kind of REMUNERATION_KINDS) {
    if ((policy.policy.remuneration[kind] ?? 0) <= 0) continue;
    const value = form.text(`rem_${kind}`, { label: LINE_KIND_LABELS[kind][lang], max: 20 });
    const ref = value === null ? null : parseRef(value);
    if (value !== null && ref === null) form.fail(`rem_${kind}`, t.payeeRequired);
    if (ref) remuneration.push({ kind, payee: ref });
  }
  const includeReaderContribution = form.checkbox('includeReaderContribution');
  const acceptOverBudget = form.checkbox('acceptOverBudget');
  const reason = form.text('reason', { label: t.reason, max: 1000 });
  const preview = body.intent === 'preview';
  if (!form.ok || genreKey === null || coefficientX100 === null || percent === null) return { form, input: null, preview };
  return { form, input: { articleId, genreKey, coefficientX100, percent, qualityNote, shares, remuneration, includeReaderContribution, acceptOverBudget, reason }, preview };
}

function kindLabel(kind: string, lang: Lang): string {
  return isArticleKind(kind) ? ARTICLE_KIND_LABELS[kind][lang] : kind;
}

function lineKindLabel(kind: string, lang: Lang): string {
  return kind in LINE_KIND_LABELS ? LINE_KIND_LABELS[kind as LineKind][lang] : kind;
}

/** What the page shows of a computation: a full plan, or only the amount when the rest was refused. */
interface PlanView {
  assessed: AssessedAmount;
  shareAmounts: number[] | null;
  remuneration: AssessmentPlan['remuneration'];
  total: number | null;
}

interface PageData {
  ctx: PageContext;
  lang: Lang;
  grants: Grants;
  item: AssessableItem;
  policy: PolicyInForce | null;
  ownerName: string | null;
  versions: AssessmentVersion[];
  lines: ItemLine[];
  form: FormState;
  plan: PlanView | null;
  /** Set when the assessment would exceed the budget. */
  overBudget: AssessmentPlan | null;
  options: Option[];
}

function Facts({ d }: { d: PageData }): JSX.Element {
  const t = assessText(d.lang);
  const { item } = d;
  return (
    <dl class="meta">
      <dt>{t.published}</dt>
      <dd safe>{formatDate(item.publishedOn)}</dd>
      <dt>{t.kind}</dt>
      <dd safe>{kindLabel(item.kind, d.lang)}</dd>
      <dt>{t.byline}</dt>
      <dd safe>{item.authorName ?? ''}</dd>
      <dt>{t.unit}</dt>
      <dd safe>{item.unitName ?? ''}</dd>
      <dt>{t.creator}</dt>
      <dd safe>{item.creatorName}</dd>
      <dt>{t.state}</dt>
      <dd>
        {item.publication === 'published' ? t.stillPublished : <strong class="tag tag-bad">{t.takenDown}</strong>}
        {item.readerContribution ? <span class="tag">{t.reader}</span> : ''}
      </dd>
      <dt>{t.links}</dt>
      <dd>
        <a href={publicPathOf({ kind: item.kind, slug: item.slug, entry_kind: item.entryKind })}>{t.publicPage}</a>
        {' · '}
        <a href={`/admin/articles/${item.id}`}>{t.backOffice}</a>
      </dd>
    </dl>
  );
}

function PolicyFacts({ d, policy }: { d: PageData; policy: PolicyInForce }): JSX.Element {
  const t = assessText(d.lang);
  const uv = unitValueOf(policy.policy, policy.context);
  const cap = capOf(policy.policy.cap, policy.context);
  const owner = policy.ownerSiteId === null ? t.national : policy.ownerSiteId === d.item.siteId ? t.ownSite : format(t.inherited, { name: d.ownerName ?? '' });
  return (
    <dl class="meta">
      <dt>{t.owner}</dt>
      <dd safe>{owner}</dd>
      <dt>{t.citation}</dt>
      <dd safe>{policy.citation ?? ''}</dd>
      <dt>{t.inForce}</dt>
      <dd safe>{policy.effectiveTo ? format(t.fromTo, { from: formatDate(policy.effectiveFrom), to: formatDate(policy.effectiveTo) }) : format(t.fromOpen, { from: formatDate(policy.effectiveFrom) })}</dd>
      <dt>{t.unitValue}</dt>
      <dd safe>{uv === null ? t.unknown : `${formatVnd(uv)} đ`}</dd>
      <dt>{t.cap}</dt>
      <dd safe>{cap === null ? t.noCap : cap === 'unknown' ? t.unknown : `${formatVnd(cap)} đ`}</dd>
      <dt>{t.paymentDays}</dt>
      <dd safe>{format(t.days, { n: policy.policy.paymentDays })}</dd>
    </dl>
  );
}

function PlanBox({ d, plan }: { d: PageData; plan: PlanView }): JSX.Element {
  const t = assessText(d.lang);
  const a = plan.assessed;
  const labelOf = new Map(d.options.map((o) => [o.value, o.label]));
  const shareRows: { payee: string; role: string; pct: string }[] = [];
  for (let i = 0; i < MAX_SHARES; i++) {
    const payee = single(d.form.values, `share${i}Payee`);
    if (payee) shareRows.push({ payee, role: single(d.form.values, `share${i}Role`), pct: single(d.form.values, `share${i}Pct`) });
  }
  let line = format(t.computation, { c: formatCoefficient(parseCoefficient(single(d.form.values, 'coefficient')) ?? 0), uv: formatVnd(a.unitValue) });
  if (a.percent !== 100) line += format(t.percentPart, { p: a.percent });
  line += format(t.equals, { gross: formatVnd(a.gross) });
  if (a.cap !== null && a.amount < a.gross) line += format(t.capped, { cap: formatVnd(a.cap) });
  return (
    <section class="flash" aria-labelledby="result-title">
      <h2 id="result-title">{t.result}</h2>
      <p>
        <span safe>{`${a.genre[d.lang]}: ${line}`}</span>
        <br />
        <strong safe>{`${t.royalty}: ${formatVnd(a.amount)} đ`}</strong>
      </p>
      <ul>
        {plan.shareAmounts
          ? shareRows.map((r, i) => <li safe>{`${labelOf.get(r.payee) ?? r.payee} — ${SHARE_ROLE_LABELS[r.role as ShareRole]?.[d.lang] ?? r.role} ${r.pct} %: ${formatVnd(plan.shareAmounts?.[i] ?? 0)} đ`}</li>)
          : ''}
        {plan.remuneration.map((r) => (
          <li safe>{`${LINE_KIND_LABELS[r.kind][d.lang]} — ${labelOf.get(refValue(r.payee)) ?? ''}: ${formatVnd(r.amount)} đ`}</li>
        ))}
      </ul>
      {plan.total !== null ? (
        <p>
          <strong safe>{`${t.total}: ${formatVnd(plan.total)} đ`}</strong>
        </p>
      ) : (
        ''
      )}
    </section>
  );
}

function BudgetWarning({ d, plan }: { d: PageData; plan: AssessmentPlan }): JSX.Element {
  const t = assessText(d.lang);
  const error = d.form.errors.acceptOverBudget;
  return (
    <section class="field-warning" aria-labelledby="budget-title">
      <h2 id="budget-title" safe>{format(t.budgetTitle, { year: plan.item.publishedOn.slice(0, 4) })}</h2>
      <dl class="meta">
        <dt>{t.approved}</dt>
        <dd safe>{`${formatVnd(plan.budget.approved ?? 0)} đ`}</dd>
        <dt>{t.spent}</dt>
        <dd safe>{`${formatVnd(plan.budget.spent)} đ`}</dd>
        <dt>{t.thisAmount}</dt>
        <dd safe>{`${formatVnd(plan.budgetExtra)} đ`}</dd>
        <dt>{t.after}</dt>
        <dd safe>{`${formatVnd(plan.budget.spent + plan.budgetExtra)} đ`}</dd>
      </dl>
      {error ? (
        <p class="error-message" id="acceptOverBudget-error" safe>
          {error}
        </p>
      ) : (
        ''
      )}
      <div class="field checkbox">
        <input type="checkbox" id="acceptOverBudget" name="acceptOverBudget" value="on" checked={single(d.form.values, 'acceptOverBudget') === 'on'} aria-describedby={error ? 'acceptOverBudget-error' : undefined} />
        <label for="acceptOverBudget">{t.acceptOverBudget}</label>
      </div>
    </section>
  );
}

function ShareRows({ d }: { d: PageData }): JSX.Element {
  const t = assessText(d.lang);
  const rows = Math.min(MAX_SHARES, Math.max(filledShareRows(d.form.values) + 2, 3));
  const sharesError = d.form.errors.shares;
  return (
    <fieldset id="shares" class={sharesError ? 'field field-error' : 'field'} tabindex="-1" aria-describedby={sharesError ? 'shares-error shares-hint' : 'shares-hint'}>
      <legend>{t.shares}</legend>
      <p class="hint" id="shares-hint">
        {t.sharesHint}
      </p>
      {sharesError ? (
        <p class="error-message" id="shares-error" safe>
          {sharesError}
        </p>
      ) : (
        ''
      )}
      {Array.from({ length: rows }, (_, i) => {
        const n = format(t.rowLabel, { n: i + 1 });
        return (
          <div class="date-range">
            <SelectField name={`share${i}Payee`} label={`${t.payee} (${n})`} form={d.form} options={d.options} emptyLabel={t.noPayee} />
            <SelectField name={`share${i}Role`} label={`${t.role} (${n})`} form={d.form} options={SHARE_ROLES.map((r) => ({ value: r, label: SHARE_ROLE_LABELS[r][d.lang] }))} />
            <TextField name={`share${i}Pct`} label={`${t.sharePct} (${n})`} form={d.form} inputmode="decimal" maxlength={8} />
          </div>
        );
      })}
    </fieldset>
  );
}

function AssessForm({ d, policy }: { d: PageData; policy: PolicyInForce }): JSX.Element {
  const t = assessText(d.lang);
  const p = policy.policy;
  const paid = REMUNERATION_KINDS.filter((k) => (p.remuneration[k] ?? 0) > 0);
  const readerError = d.form.errors.includeReaderContribution;
  return (
    <form method="post" action={`${ASSESS_PAGE}/${d.item.id}`} id="assess-form" novalidate>
      <CsrfField token={d.ctx.csrfToken} />
      <SelectField
        name="genre"
        label={t.genre}
        form={d.form}
        required
        emptyLabel={t.chooseGenre}
        options={p.genres.map((g) => ({ value: g.key, label: format(t.genreOption, { label: g[d.lang], min: formatCoefficient(g.minX100), max: formatCoefficient(g.maxX100) }) }))}
      />
      <TextField
        name="coefficient"
        label={t.coefficient}
        hint={`${t.coefficientHint} ${format(t.coefficientRanges, { ranges: p.genres.map((g) => `${g[d.lang]} ${formatCoefficient(g.minX100)}–${formatCoefficient(g.maxX100)}`).join('; ') })}`}
        form={d.form}
        required
        inputmode="decimal"
        maxlength={10}
      />
      <TextField name="percent" label={t.percent} hint={format(t.percentHint, { tmin: p.translationPercent.min, tmax: p.translationPercent.max, rmin: p.reusePercent.min, rmax: p.reusePercent.max })} form={d.form} inputmode="numeric" maxlength={3} />
      <TextArea name="qualityNote" label={t.qualityNote} form={d.form} rows={2} maxlength={1000} />
      <ShareRows d={d} />
      <fieldset class="field">
        <legend>{t.remTitle}</legend>
        {paid.length === 0 ? (
          <p>{t.remNone}</p>
        ) : (
          <>
            <p class="hint">{t.remHint}</p>
            {paid.map((k: RemunerationKind) => (
              <SelectField name={`rem_${k}`} label={format(t.remAmount, { label: LINE_KIND_LABELS[k][d.lang], amount: formatVnd(p.remuneration[k]) })} form={d.form} options={d.options} emptyLabel={t.noPayee} />
            ))}
          </>
        )}
      </fieldset>
      {d.item.readerContribution && !p.payReaderContributions ? (
        <div class={readerError ? 'field field-error' : 'field'}>
          {readerError ? (
            <p class="error-message" id="includeReaderContribution-error" safe>
              {readerError}
            </p>
          ) : (
            ''
          )}
          <div class="checkbox">
            <input type="checkbox" id="includeReaderContribution" name="includeReaderContribution" value="on" checked={single(d.form.values, 'includeReaderContribution') === 'on'} aria-describedby={readerError ? 'includeReaderContribution-error includeReaderContribution-hint' : 'includeReaderContribution-hint'} />
            <label for="includeReaderContribution">{t.includeReader}</label>
          </div>
          <p class="hint" id="includeReaderContribution-hint">
            {t.includeReaderHint}
          </p>
        </div>
      ) : (
        ''
      )}
      {d.versions.length > 0 ? <TextArea name="reason" label={t.reason} hint={t.reasonHint} form={d.form} rows={2} maxlength={1000} required /> : ''}
      {d.overBudget ? <BudgetWarning d={d} plan={d.overBudget} /> : ''}
      <div class="actions-row">
        <button type="submit" name="intent" value="preview" class="button button-secondary">
          {t.preview}
        </button>
        <button type="submit" name="intent" value="save">
          {t.save}
        </button>
      </div>
    </form>
  );
}

function Versions({ d }: { d: PageData }): JSX.Element {
  const t = assessText(d.lang);
  if (d.versions.length === 0) return '';
  return (
    <section aria-labelledby="versions-title">
      <h2 id="versions-title">{t.versions}</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t.version}</th>
              <th scope="col">{t.when}</th>
              <th scope="col">{t.by}</th>
              <th scope="col">{t.genre}</th>
              <th scope="col">{t.coefficient}</th>
              <th scope="col">{t.amount}</th>
              <th scope="col">{t.note}</th>
            </tr>
          </thead>
          <tbody>
            {d.versions.map((v) => (
              <tr>
                <th scope="row">{v.version}</th>
                <td safe>{formatDateTime(v.createdAt)}</td>
                <td safe>{v.assessedBy ?? ''}</td>
                <td safe>{v.percent !== 100 ? `${v.genreLabel} (${v.percent} %)` : v.genreLabel}</td>
                <td safe>{formatCoefficient(v.coefficientX100)}</td>
                <td>
                  <span safe>{`${formatVnd(v.amount)} đ`}</span>
                  {v.overBudget ? <span class="tag tag-bad">{t.overBudgetTag}</span> : ''}
                </td>
                <td safe>{[v.qualityNote, v.reason].filter(Boolean).join(' — ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Lines({ d }: { d: PageData }): JSX.Element {
  const t = assessText(d.lang);
  return (
    <section aria-labelledby="lines-title">
      <h2 id="lines-title">{t.linesTitle}</h2>
      {d.lines.length === 0 ? (
        <p>{t.noLines}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.lineNo}</th>
                <th scope="col">{t.period}</th>
                <th scope="col">{t.payee}</th>
                <th scope="col">{t.what}</th>
                <th scope="col">{t.amount}</th>
                <th scope="col">{t.status}</th>
              </tr>
            </thead>
            <tbody>
              {d.lines.map((l) => (
                <tr>
                  <th scope="row">{l.id}</th>
                  <td safe>{periodLabel(l.period, d.lang)}</td>
                  <td safe>{l.payeeName}</td>
                  <td>
                    <span safe>{`${lineKindLabel(l.kind, d.lang)}${l.role ? ` (${SHARE_ROLE_LABELS[l.role as ShareRole]?.[d.lang] ?? l.role}${l.shareBp !== null ? ` ${formatShareBp(l.shareBp)} %` : ''})` : ''}`}</span>
                    {l.correctsLineId ? <span safe>{` — ${format(t.corrects, { id: l.correctsLineId })}`}</span> : ''}
                  </td>
                  <td safe>{`${formatVnd(l.amount)} đ`}</td>
                  <td safe>{l.voided ? t.voided : l.paidOn ? format(t.paid, { date: formatDate(l.paidOn) }) : t.unpaid}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function AssessPage({ d }: { d: PageData }): JSX.Element {
  const t = assessText(d.lang);
  const c = common(d.lang);
  const canAssess = can(d.grants, 'royalties.assess');
  return (
    <AdminLayout ctx={d.ctx} title={`${t.title}: ${d.item.title}`}>
      <RoyaltyNav grants={d.grants} lang={d.lang} current={QUEUE_PAGE} />
      <p>
        <a href={QUEUE_PAGE}>{t.back}</a>
      </p>
      <h1>
        {t.title}: <span safe>{d.item.title}</span>
      </h1>
      <Facts d={d} />
      <h2>{t.policyTitle}</h2>
      {d.policy ? (
        <PolicyFacts d={d} policy={d.policy} />
      ) : (
        <p class="field-warning">
          <strong>{t.noPolicy}</strong> <a href={POLICY_PAGE}>{t.noPolicyLink}</a>
        </p>
      )}
      <Versions d={d} />
      <Lines d={d} />
      {d.policy && canAssess ? (
        <section aria-labelledby="form-title">
          <h2 id="form-title">{d.versions.length > 0 ? t.reassessTitle : t.formTitle}</h2>
          <ErrorSummary form={d.form} title={c.formErrors} />
          {d.plan ? <PlanBox d={d} plan={d.plan} /> : ''}
          <AssessForm d={d} policy={d.policy} />
        </section>
      ) : d.policy ? (
        <p>{t.readOnly}</p>
      ) : (
        ''
      )}
    </AdminLayout>
  );
}

export function registerAssessRoutes(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const view = { access: { kind: 'permission' as const, permission: 'royalties.view' as const } };
  const assess = { access: { kind: 'permission' as const, permission: 'royalties.assess' as const } };

  async function load(request: FastifyRequest) {
    const id = idParam((request.params as { id: string }).id);
    const item = id ? await findAssessableItem(db, request.site.id, id) : null;
    if (!item) return null;
    const policy = await policyOn(db, request.site.id, item.publishedOn);
    const ownerName = policy?.ownerSiteId ? ((await db.selectFrom('sites').select('name').where('id', '=', policy.ownerSiteId).executeTakeFirst())?.name ?? null) : null;
    const versions = await assessmentVersions(db, request.site.id, item.id);
    return { item, policy, ownerName, versions };
  }

  async function render(request: FastifyRequest, reply: FastifyReply, base: NonNullable<Awaited<ReturnType<typeof load>>>, form: FormState, plan: PlanView | null, overBudget: AssessmentPlan | null, status = 200) {
    const d: PageData = {
      ctx: await pageContext(deps, request, reply),
      lang: request.lang,
      grants: request.auth!.grants,
      ...base,
      lines: await itemLines(db, request.site.id, base.item.id),
      form,
      plan,
      overBudget,
      options: await payeeOptions(db, request.site.id, request.lang),
    };
    return sendHtml(reply, <AssessPage d={d} />, status);
  }

  app.get(`${ASSESS_PAGE}/:id`, { config: view }, async (request, reply) => {
    const base = await load(request);
    if (!base) return notFound(request, reply);
    return render(request, reply, base, await initialForm(db, base.item, base.policy, base.versions[0] ?? null), null, null);
  });

  app.post(`${ASSESS_PAGE}/:id`, { config: assess }, async (request, reply) => {
    const t = assessText(request.lang);
    const base = await load(request);
    if (!base) return notFound(request, reply);
    if (!base.policy) return render(request, reply, base, emptyForm(), null, null, 400);
    // A member chosen before their payee record existed (a form kept open, a refused save): their record now.
    const records = new Map((await db.selectFrom('royalty_payees').select(['id', 'user_id']).where('site_id', '=', request.site.id).where('user_id', 'is not', null).execute()).map((r) => [`u${r.user_id}`, `p${r.id}`]));
    const body = { ...((request.body as Record<string, unknown> | null) ?? {}) };
    for (const [key, value] of Object.entries(body)) if (/^(share\d+Payee|rem_[a-z]+)$/.test(key) && typeof value === 'string' && records.has(value)) body[key] = records.get(value);
    const { form, input, preview } = readForm(body, request.lang, base.item.id, base.policy);
    let plan: PlanView | null = null;
    let overBudget: AssessmentPlan | null = null;
    if (input) {
      try {
        if (preview) {
          const full = await planAssessment(db, request.site.id, input, { preview: true });
          plan = full;
          if (full.overBudget) overBudget = full;
        } else {
          await assessItem(db, actorOf(request), input, deps.clock);
          return redirectWithFlash(reply, `${ASSESS_PAGE}/${base.item.id}`, { kind: 'success', text: t.saved });
        }
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        if (error.status === 404) return notFound(request, reply);
        addProblems(form, error.problems, request.lang);
        if (error instanceof OverBudgetError) {
          plan = error.plan;
          overBudget = error.plan;
        } else {
          // Refused for another reason: still show the amount when the genre and coefficient allow it.
          const computed = assessAmount(base.policy.policy, base.policy.context, input);
          const total = input.shares.reduce((s, x) => s + x.bp, 0);
          if ('ok' in computed) plan = { assessed: computed.ok, shareAmounts: total === 10_000 ? splitByShares(computed.ok.amount, input.shares.map((x, i) => ({ key: i, bp: x.bp }))).map((x) => x.amount) : null, remuneration: [], total: null };
        }
      }
    }
    return render(request, reply, base, form, plan, overBudget, preview && form.ok ? 200 : 400);
  });
}

/** Everything of the assessment part: the queue, the payees and the assessment page. */
export function registerAssessment(app: FastifyInstance, deps: AppDeps): void {
  registerQueueRoutes(app, deps);
  registerPayeeRoutes(app, deps);
  registerAssessRoutes(app, deps);
}
