// "Chuyên mục về tiếp cận thông tin": the public page (the list of information
// the agency discloses, how to request information, the unit in charge) and
// the back office where the board keeps the list (/admin/disclosure:
// add, edit, reorder, remove, load a starter set from Law 104/2016 Art. 17).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../core/errors.ts';
import { formatDate } from '../../core/time.ts';
import type { DisclosureItemRow } from '../../platform/db/schema.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.tsx';
import { redirectWithFlash } from '../../platform/http/flash.ts';
import { actorOf, idParam } from '../../platform/http/request-info.ts';
import { ActionButton, CsrfField, ErrorSummary, SelectField, TextArea, TextField, type FormState } from '../../ui/components/form.tsx';
import { defineMessages, format, type Lang } from '../../ui/i18n.ts';
import { AdminLayout } from '../../ui/layout.tsx';
import { pageContext, sendHtml } from '../backoffice/render.ts';
import { PublicLayout, type PublicChrome } from '../public/layout.tsx';
import { publicText } from '../public/messages.ts';
import { servePage } from '../public/serve-page.ts';
import { buildChrome, canonicalUrl, paths, publicLangFor } from '../public/site-view.ts';
import type { PageContext } from '../../ui/page-context.ts';
import {
  addDisclosureItem,
  categoryName,
  DISCLOSURE_CATEGORIES,
  DISCLOSURE_FORMS,
  formName,
  getDisclosureItem,
  listDisclosure,
  loadStarterDisclosure,
  moveDisclosureItem,
  removeDisclosureItem,
  starterDisclosure,
  updateDisclosureItem,
  type DisclosureInput,
} from './disclosure.ts';
import { citizenText } from './public-messages.ts';

const text = defineMessages({
  vi: {
    title: 'Danh mục thông tin công khai',
    lead: 'Danh mục thông tin cơ quan phải công khai (Điều 17, 19 Luật Tiếp cận thông tin), hiển thị tại Chuyên mục về tiếp cận thông tin. Mỗi mục ghi nơi thông tin được đăng: một trang của trang này (bắt đầu bằng /) hoặc địa chỉ khác.',
    seePublic: 'Xem trang công khai',
    empty: 'Danh mục chưa có mục nào.',
    starter: 'Nạp danh mục mẫu ({n} mục)',
    starterHint: 'Bộ mẫu theo các nhóm thông tin của Điều 17 Luật Tiếp cận thông tin, liên kết sẵn tới Văn bản, Thủ tục hành chính, Hỏi – đáp, Lấy ý kiến dự thảo của trang này. Sau khi nạp, sửa lại cho phù hợp với cơ quan.',
    starterLoaded: 'Đã nạp {n} mục mẫu. Hãy rà soát và cập nhật đường dẫn.',
    category: 'Nhóm thông tin',
    itemTitle: 'Tên thông tin',
    url: 'Đường dẫn',
    urlHint: 'Ví dụ /van-ban, /chuyen-muc/ke-hoach, hoặc https://… Để trống khi chưa đăng tải.',
    note: 'Ghi chú (không bắt buộc)',
    decreeFields: 'Thông tin theo Điều 6 Nghị định 13/2018/NĐ-CP',
    docNumber: 'Số, ký hiệu',
    docDate: 'Ngày ban hành',
    dateHint: 'Ngày/tháng/năm, ví dụ 05/11/2026.',
    form: 'Hình thức công khai',
    formNone: '— Chọn hình thức —',
    disclosedOn: 'Thời điểm công khai',
    duration: 'Thời hạn công khai',
    durationHint: 'Ví dụ: Thường xuyên; 30 ngày.',
    actions: 'Thao tác',
    edit: 'Sửa',
    up: 'Lên',
    down: 'Xuống',
    remove: 'Xóa',
    add: 'Thêm mục thông tin',
    save: 'Lưu',
    cancel: 'Quay lại danh mục',
    editTitle: 'Sửa mục thông tin',
    added: 'Đã thêm mục thông tin.',
    saved: 'Đã lưu mục thông tin.',
    removed: 'Đã xóa mục thông tin.',
    moved: 'Đã đổi thứ tự.',
    formErrors: 'Chưa lưu được. Vui lòng sửa các mục sau:',
    noUrl: 'chưa có đường dẫn',
  },
  en: {
    title: 'Published information list',
    lead: 'The information the agency must publish (Art. 17, 19 of the Access to Information Law), shown in the Access to information section. Each item says where it is published: a page of this site (starting with /) or another address.',
    seePublic: 'See the public page',
    empty: 'The list has no items yet.',
    starter: 'Load the starter list ({n} items)',
    starterHint: 'A starter set by the categories of Art. 17 of the Access to Information Law, linked to this site’s documents, procedures, questions and drafts for comment. Adjust it to the agency after loading.',
    starterLoaded: '{n} starter items loaded. Please review them and fill in the links.',
    category: 'Category',
    itemTitle: 'Name of the information',
    url: 'Link',
    urlHint: 'E.g. /van-ban, /chuyen-muc/ke-hoach, or https://… Leave empty when not yet published.',
    note: 'Note (optional)',
    decreeFields: 'Details under Art. 6 of Decree 13/2018',
    docNumber: 'Number or symbol',
    docDate: 'Date',
    dateHint: 'dd/mm/yyyy, e.g. 05/11/2026.',
    form: 'Form of disclosure',
    formNone: '— Choose a form —',
    disclosedOn: 'Disclosed on',
    duration: 'Duration of disclosure',
    durationHint: 'E.g. Ongoing; 30 days.',
    actions: 'Actions',
    edit: 'Edit',
    up: 'Up',
    down: 'Down',
    remove: 'Remove',
    add: 'Add an item',
    save: 'Save',
    cancel: 'Back to the list',
    editTitle: 'Edit an item',
    added: 'Item added.',
    saved: 'Item saved.',
    removed: 'Item removed.',
    moved: 'Order changed.',
    formErrors: 'Not saved yet. Please correct the following:',
    noUrl: 'no link yet',
  },
});

const moderate = { access: { kind: 'permission' as const, permission: 'interaction.moderate' as const } };
const publicAccess = { access: { kind: 'public' as const } };

function categoryOptions(lang: Lang) {
  return DISCLOSURE_CATEGORIES.map((c) => ({ value: c, label: categoryName(c, lang) }));
}

function groups(rows: DisclosureItemRow[]): { category: string; items: DisclosureItemRow[] }[] {
  const out: { category: string; items: DisclosureItemRow[] }[] = [];
  for (const r of rows) {
    const last = out[out.length - 1];
    if (last && last.category === r.category) last.items.push(r);
    else out.push({ category: r.category, items: [r] });
  }
  return out;
}

function ItemFields({ form, lang }: { form: FormState; lang: Lang }): JSX.Element {
  const t = text(lang);
  return (
    <>
      <SelectField name="category" label={t.category} form={form} options={categoryOptions(lang)} required />
      <TextField name="title" label={t.itemTitle} form={form} required maxlength={300} />
      <TextField name="url" label={t.url} form={form} hint={t.urlHint} maxlength={500} />
      <TextArea name="note" label={t.note} form={form} rows={2} maxlength={1000} />
      <fieldset>
        <legend>{t.decreeFields}</legend>
        <TextField name="docNumber" label={t.docNumber} form={form} maxlength={60} />
        <TextField name="docDate" label={t.docDate} form={form} hint={t.dateHint} maxlength={10} inputmode="numeric" />
        <SelectField name="form" label={t.form} form={form} options={DISCLOSURE_FORMS.map((f) => ({ value: f, label: formName(f, lang) }))} emptyLabel={t.formNone} />
        <TextField name="disclosedOn" label={t.disclosedOn} form={form} hint={t.dateHint} maxlength={10} inputmode="numeric" />
        <TextField name="duration" label={t.duration} form={form} hint={t.durationHint} maxlength={100} />
      </fieldset>
    </>
  );
}

function DisclosureAdminPage({ ctx, rows, form }: { ctx: PageContext; rows: DisclosureItemRow[]; form: FormState }): JSX.Element {
  const lang = ctx.lang;
  const t = text(lang);
  return (
    <AdminLayout ctx={ctx} title={t.title}>
      <h1>{t.title}</h1>
      <p class="lead">{t.lead}</p>
      <p>
        <a href={paths.accessToInformation('vi')}>{t.seePublic}</a>
      </p>
      {rows.length === 0 ? (
        <>
          <p>{t.empty}</p>
          <p class="hint">{t.starterHint}</p>
          <ActionButton action="/admin/disclosure/starter" label={format(t.starter, { n: starterDisclosure().length })} csrfToken={ctx.csrfToken} />
        </>
      ) : (
        groups(rows).map((g) => (
          <table>
            <caption safe>{categoryName(g.category, lang)}</caption>
            <thead>
              <tr>
                <th scope="col">{t.itemTitle}</th>
                <th scope="col">{t.docNumber}</th>
                <th scope="col">{t.disclosedOn}</th>
                <th scope="col">{t.url}</th>
                <th scope="col">{t.actions}</th>
              </tr>
            </thead>
            <tbody>
              {g.items.map((r, i) => (
                <tr id={`muc-${r.id}`}>
                  <th scope="row">
                    <span safe>{r.title}</span>
                    {r.note ? (
                      <p class="hint" safe>
                        {r.note}
                      </p>
                    ) : (
                      ''
                    )}
                  </th>
                  <td safe>{[r.doc_number, r.doc_date ? formatDate(r.doc_date) : null].filter(Boolean).join(', ')}</td>
                  <td safe>{[r.disclosed_on ? formatDate(r.disclosed_on) : null, r.duration].filter(Boolean).join(' — ')}</td>
                  <td>{r.url ? <a href={r.url} safe>{r.url}</a> : <span class="muted">{t.noUrl}</span>}</td>
                  <td class="actions">
                    <a href={`/admin/disclosure/${r.id}`} aria-label={`${t.edit}: ${r.title}`}>
                      {t.edit}
                    </a>
                    {i > 0 ? <ActionButton action={`/admin/disclosure/${r.id}/move`} label={t.up} csrfToken={ctx.csrfToken} fields={{ dir: 'up' }} variant="secondary" /> : ''}
                    {i < g.items.length - 1 ? <ActionButton action={`/admin/disclosure/${r.id}/move`} label={t.down} csrfToken={ctx.csrfToken} fields={{ dir: 'down' }} variant="secondary" /> : ''}
                    <ActionButton action={`/admin/disclosure/${r.id}/remove`} label={t.remove} csrfToken={ctx.csrfToken} variant="danger" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))
      )}
      <h2 id="them">{t.add}</h2>
      <ErrorSummary form={form} title={t.formErrors} />
      <form method="post" action="/admin/disclosure" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <ItemFields form={form} lang={lang} />
        <button type="submit" class="button">
          {t.add}
        </button>
      </form>
    </AdminLayout>
  );
}

function DisclosureEditPage({ ctx, row, form }: { ctx: PageContext; row: DisclosureItemRow; form: FormState }): JSX.Element {
  const t = text(ctx.lang);
  return (
    <AdminLayout ctx={ctx} title={t.editTitle}>
      <h1>{t.editTitle}</h1>
      <ErrorSummary form={form} title={t.formErrors} />
      <form method="post" action={`/admin/disclosure/${row.id}`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <ItemFields form={form} lang={ctx.lang} />
        <button type="submit" class="button">
          {t.save}
        </button>{' '}
        <a href="/admin/disclosure">{t.cancel}</a>
      </form>
    </AdminLayout>
  );
}

/** One category's items with the columns of Decree 13/2018 Art. 6; the name links to where the item is published. */
function DisclosedTable({ items, lang, labelledBy }: { items: DisclosureItemRow[]; lang: Lang; labelledBy: string }): JSX.Element {
  const t = text(lang);
  return (
    <div class="article-body">
      <table class="stack-table" aria-labelledby={labelledBy}>
        <thead>
          <tr>
            <th scope="col">{t.itemTitle}</th>
            <th scope="col">{t.docNumber}</th>
            <th scope="col">{t.docDate}</th>
            <th scope="col">{t.form}</th>
            <th scope="col" safe>{`${t.disclosedOn}, ${t.duration.toLowerCase()}`}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr>
              <th scope="row">
                {r.url ? (
                  <a href={r.url} safe>
                    {r.title}
                  </a>
                ) : (
                  <span safe>{r.title}</span>
                )}
                {r.note ? <span class="muted" safe>{` — ${r.note}`}</span> : ''}
              </th>
              <td data-label={t.docNumber} safe>{r.doc_number ?? ''}</td>
              <td data-label={t.docDate}>{r.doc_date ? formatDate(r.doc_date) : ''}</td>
              <td data-label={t.form} safe>{formName(r.form, lang)}</td>
              <td data-label={t.disclosedOn} safe>{[r.disclosed_on ? formatDate(r.disclosed_on) : null, r.duration].filter(Boolean).join(' — ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function AccessToInformationPage({ chrome, rows, canonical }: { chrome: PublicChrome; rows: DisclosureItemRow[]; canonical: string }): JSX.Element {
  const lang = chrome.lang;
  const t = citizenText(lang);
  const p = publicText(lang);
  const contact = chrome.contact;
  const all: [string, string | null | undefined][] = [[p.responsible, contact.responsiblePerson], [p.address, contact.address], [p.phone, contact.phone]];
  const lines = all.filter((l): l is [string, string] => Boolean(l[1]));
  const hasContact = lines.length > 0 || Boolean(contact.email);
  return (
    <PublicLayout chrome={chrome} title={t.accessTitle} canonical={canonical}>
      <h1>{t.accessTitle}</h1>
      <p class="lead">{t.accessLead}</p>
      <section aria-labelledby="disclosed-h">
        <h2 id="disclosed-h">{t.disclosedHeading}</h2>
        {rows.length === 0 ? (
          <p>{t.disclosedNone}</p>
        ) : (
          groups(rows).map((g, i) => (
            <>
              <h3 id={`nhom-${i + 1}`} safe>
                {categoryName(g.category, lang)}
              </h3>
              <DisclosedTable items={g.items} lang={lang} labelledBy={`nhom-${i + 1}`} />
            </>
          ))
        )}
      </section>
      <section aria-labelledby="request-h">
        <h2 id="request-h">{t.howToRequest}</h2>
        <p>{t.howToRequestText}</p>
        <ul>
          <li>
            <a href={paths.infoRequest(lang)}>{t.requestLink}</a>
          </li>
          <li>
            <a href={paths.correctionClaim(lang)}>{t.correctionLink}</a>
          </li>
          <li>
            <a href={paths.track(lang)}>{t.trackLink}</a>
          </li>
        </ul>
      </section>
      <section aria-labelledby="unit-h">
        <h2 id="unit-h">{t.contactHeading}</h2>
        <p>
          <strong safe>{chrome.agencyName}</strong>
        </p>
        {hasContact ? (
          <dl class="meta">
            {lines.map(([label, value]) => (
              <>
                <dt safe>{label}</dt>
                <dd safe>{value}</dd>
              </>
            ))}
            {contact.email ? (
              <>
                <dt>{p.email}</dt>
                <dd>
                  <a href={`mailto:${contact.email}`} safe>
                    {contact.email}
                  </a>
                </dd>
              </>
            ) : (
              ''
            )}
          </dl>
        ) : (
          <p>{t.contactNone}</p>
        )}
        <p>
          <a href={chrome.contactHref}>{t.contactPage}</a>
        </p>
      </section>
    </PublicLayout>
  );
}

export function registerDisclosure(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const clock = deps.clock;

  // ---- Public page ------------------------------------------------------------------------------
  for (const wanted of ['vi', 'en'] as const) {
    app.get(paths.accessToInformation(wanted), { config: publicAccess }, async (request, reply) => {
      const lang = publicLangFor(request.site, wanted);
      if (lang !== wanted) return notFound(request, reply);
      return servePage(deps, request, reply, async () => {
        const rows = await listDisclosure(db, request.site.id);
        const chrome = await buildChrome(deps, request, { lang, otherLangHref: paths.accessToInformation(lang === 'vi' ? 'en' : 'vi') });
        return (await (<AccessToInformationPage chrome={chrome} rows={rows} canonical={canonicalUrl(request, paths.accessToInformation(lang))} />)) as string;
      });
    });
  }

  // ---- Back office --------------------------------------------------------------------------------
  const valuesOf = (body: unknown): Record<string, string> => {
    const b = (body ?? {}) as Record<string, unknown>;
    const v = (k: string) => (typeof b[k] === 'string' ? (b[k] as string).normalize('NFC') : '');
    return { category: v('category'), title: v('title'), url: v('url'), note: v('note'), docNumber: v('docNumber'), docDate: v('docDate'), form: v('form'), disclosedOn: v('disclosedOn'), duration: v('duration') };
  };
  const inputOf = (v: Record<string, string>): DisclosureInput => ({
    category: v.category ?? '',
    title: v.title ?? '',
    url: v.url || null,
    note: v.note || null,
    docNumber: v.docNumber || null,
    docDate: v.docDate || null,
    form: v.form || null,
    disclosedOn: v.disclosedOn || null,
    duration: v.duration || null,
  });
  const errorsOf = (error: DomainError, lang: Lang) => {
    const errors: Record<string, string> = {};
    for (const p of error.problems) errors[p.field ?? 'title'] ??= p[lang];
    return errors;
  };

  const listPage = async (request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) =>
    sendHtml(reply, <DisclosureAdminPage ctx={await pageContext(deps, request, reply)} rows={await listDisclosure(db, request.site.id)} form={form} />, status);

  app.get('/admin/disclosure', { config: moderate }, async (request, reply) => listPage(request, reply, { values: { category: 'legal' }, errors: {} }));

  app.post('/admin/disclosure', { config: moderate }, async (request, reply) => {
    const values = valuesOf(request.body);
    try {
      const id = await addDisclosureItem(db, actorOf(request), inputOf(values), clock);
      return redirectWithFlash(reply, `/admin/disclosure#muc-${id}`, { kind: 'success', text: text(request.lang).added });
    } catch (error) {
      if (!(error instanceof DomainError) || error.status !== 422) throw error;
      return listPage(request, reply, { values, errors: errorsOf(error, request.lang) }, 400);
    }
  });

  app.post('/admin/disclosure/starter', { config: moderate }, async (request, reply) => {
    const t = text(request.lang);
    try {
      const n = await loadStarterDisclosure(db, actorOf(request), clock);
      return redirectWithFlash(reply, '/admin/disclosure', { kind: 'success', text: format(t.starterLoaded, { n }) });
    } catch (error) {
      if (!(error instanceof DomainError) || error.status !== 409) throw error;
      return redirectWithFlash(reply, '/admin/disclosure', { kind: 'error', text: error.messageIn(request.lang) });
    }
  });

  const loadRow = async (request: FastifyRequest) => {
    const id = idParam((request.params as { id: string }).id);
    return id ? await getDisclosureItem(db, request.site.id, id) : undefined;
  };

  app.get('/admin/disclosure/:id', { config: moderate }, async (request, reply) => {
    const row = await loadRow(request);
    if (!row) return notFound(request, reply);
    const day = (d: string | null) => (d ? formatDate(d) : '');
    const values = { category: row.category, title: row.title, url: row.url ?? '', note: row.note ?? '', docNumber: row.doc_number ?? '', docDate: day(row.doc_date), form: row.form ?? '', disclosedOn: day(row.disclosed_on), duration: row.duration ?? '' };
    const form = { values, errors: {} };
    return sendHtml(reply, <DisclosureEditPage ctx={await pageContext(deps, request, reply)} row={row} form={form} />);
  });

  app.post('/admin/disclosure/:id', { config: moderate }, async (request, reply) => {
    const row = await loadRow(request);
    if (!row) return notFound(request, reply);
    const values = valuesOf(request.body);
    try {
      await updateDisclosureItem(db, actorOf(request), row.id, inputOf(values), clock);
      return redirectWithFlash(reply, `/admin/disclosure#muc-${row.id}`, { kind: 'success', text: text(request.lang).saved });
    } catch (error) {
      if (!(error instanceof DomainError) || error.status !== 422) throw error;
      return sendHtml(reply, <DisclosureEditPage ctx={await pageContext(deps, request, reply)} row={row} form={{ values, errors: errorsOf(error, request.lang) }} />, 400);
    }
  });

  app.post('/admin/disclosure/:id/move', { config: moderate }, async (request, reply) => {
    const row = await loadRow(request);
    if (!row) return notFound(request, reply);
    const dir = (request.body as { dir?: string } | undefined)?.dir === 'up' ? 'up' : 'down';
    await moveDisclosureItem(db, actorOf(request), row.id, dir, clock);
    return redirectWithFlash(reply, `/admin/disclosure#muc-${row.id}`, { kind: 'success', text: text(request.lang).moved });
  });

  app.post('/admin/disclosure/:id/remove', { config: moderate }, async (request, reply) => {
    const row = await loadRow(request);
    if (!row) return notFound(request, reply);
    await removeDisclosureItem(db, actorOf(request), row.id, clock);
    return redirectWithFlash(reply, '/admin/disclosure', { kind: 'success', text: text(request.lang).removed });
  });
}
