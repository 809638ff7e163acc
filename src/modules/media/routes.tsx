// The media library of the back office: upload (checked by content), list,
// describe images (alt text is required before publication).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../core/errors.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.tsx';
import { redirectWithFlash } from '../../platform/http/flash.ts';
import { FormReader } from '../../platform/http/form.ts';
import { checkFieldPart, multipartRefusal, readUploadForm } from '../../platform/http/multipart.ts';
import { actorOf, idParam } from '../../platform/http/request-info.ts';
import { UPLOAD_LIMITS } from '../../platform/uploads/index.ts';
import { formatMegabytes } from '../../platform/files/index.ts';
import { defineMessages, format } from '../../ui/i18n.ts';
import { AdminLayout } from '../../ui/layout.tsx';
import { common } from '../../ui/messages.ts';
import { CsrfField, ErrorSummary, SelectField, TextField, emptyForm, type FormState } from '../../ui/components/form.tsx';
import { Pagination } from '../../ui/components/pagination.tsx';
import { formatDateTime } from '../../core/time.ts';
import { pageContext, sendHtml } from '../backoffice/render.ts';
import { getMedia, listMedia, thumbnailUrl, updateMediaText, uploadMedia, type MediaItem } from './media.ts';
import { isVideo, NO_PRELOAD, uploadVideo } from './video.ts';

const text = defineMessages({
  vi: {
    title: 'Thư viện tệp',
    lead: 'Ảnh và tệp dùng trong tin bài. Tệp được kiểm tra theo nội dung thật (không theo tên); ảnh được xoay đúng chiều, bỏ thông tin vị trí (GPS) và tạo các cỡ nhỏ hơn định dạng WebP.',
    upload: 'Tải tệp lên',
    purpose: 'Loại tệp',
    image: 'Ảnh (JPG, PNG, GIF, BMP, WebP; tối đa {size})',
    attachment: 'Tài liệu đính kèm (PDF, ODT, DOCX, XLSX…; tối đa {size})',
    subtitle: 'Phụ đề cho video (WebVTT .vtt; tối đa {size})',
    videoTitle: 'Tải video lên',
    videoLead: 'Video cho thư viện ảnh, video: MP4 mã hóa H.264 hoặc WebM, tối đa {size}. Tệp được kiểm tra theo nội dung; video quay bằng điện thoại đời mới (HEVC) cần xuất lại sang H.264. Để người khiếm thính theo dõi được, hãy tải kèm phụ đề WebVTT (.vtt) ở mục “Tải tệp lên” (loại tệp: Phụ đề).',
    videoFile: 'Tệp video',
    videoCaption: 'Tiêu đề video',
    videoUpload: 'Tải video lên',
    file: 'Tệp',
    alt: 'Mô tả ảnh (văn bản thay thế)',
    altHint: 'Với ảnh: mô tả ngắn điều ảnh thể hiện; bắt buộc trước khi ảnh được đăng.',
    caption: 'Chú thích',
    uploaded: 'Đã tải lên {name}.',
    chooseFile: 'Vui lòng chọn tệp.',
    none: 'Chưa có tệp nào.',
    name: 'Tên tệp',
    size: 'Dung lượng',
    dimensions: 'Kích thước',
    uploadedAt: 'Tải lên lúc',
    address: 'Địa chỉ',
    noAlt: 'chưa có mô tả',
    notOpen: 'không phải định dạng mở',
    editTitle: 'Mô tả tệp',
    saved: 'Đã lưu mô tả.',
    back: 'Quay lại thư viện',
    variants: 'Các cỡ WebP',
    backToEntry: 'Quay lại bài đang soạn',
    private: 'Tài liệu nội bộ, không công khai',
    privateHint: 'Chỉ người đăng nhập của trang xem được (ví dụ văn bản xác nhận của doanh nghiệp); không chọn được làm ảnh, không hiện trên trang công khai.',
    privateMark: 'nội bộ',
  },
  en: {
    title: 'Media library',
    lead: 'Images and files used in articles. Files are checked by their real content (not their name); images are turned upright, stripped of location (GPS) data and given smaller WebP sizes.',
    upload: 'Upload',
    purpose: 'Kind of file',
    image: 'Image (JPG, PNG, GIF, BMP, WebP; at most {size})',
    attachment: 'Document (PDF, ODT, DOCX, XLSX…; at most {size})',
    subtitle: 'Captions for a video (WebVTT .vtt; at most {size})',
    videoTitle: 'Upload a video',
    videoLead: 'Videos for the galleries: MP4 encoded as H.264, or WebM, at most {size}. Files are checked by content; videos from recent phones (HEVC) must be exported again as H.264. So deaf readers can follow, upload its WebVTT captions (.vtt) with “Upload” above (kind of file: Captions).',
    videoFile: 'Video file',
    videoCaption: 'Title of the video',
    videoUpload: 'Upload the video',
    file: 'File',
    alt: 'Image description (alt text)',
    altHint: 'For images: a short description of what it shows; required before it is published.',
    caption: 'Caption',
    uploaded: '{name} uploaded.',
    chooseFile: 'Please choose a file.',
    none: 'No file yet.',
    name: 'File name',
    size: 'Size',
    dimensions: 'Dimensions',
    uploadedAt: 'Uploaded',
    address: 'Address',
    noAlt: 'no description',
    notOpen: 'not an open format',
    editTitle: 'Describe the file',
    saved: 'Description saved.',
    back: 'Back to the library',
    variants: 'WebP sizes',
    backToEntry: 'Back to the entry being written',
    private: 'Internal document, not public',
    privateHint: 'Only signed-in members of the site can open it (e.g. a business’s confirmation letter); never offered as a picture nor shown on public pages.',
    privateMark: 'internal',
  },
});

const PAGE = 30;
const PICKER_PAGE = 12;

/** What the rich editor's picture picker needs of a library image. */
function pickerItem(m: MediaItem) {
  return { id: m.id, url: m.url, thumb: thumbnailUrl(m), name: m.originalName, alt: m.alt, caption: m.caption, width: m.width, height: m.height };
}

/** A script asking for JSON (the rich editor), not a browser submitting the form. */
function asksJson(request: FastifyRequest): boolean {
  return /^application\/json\b/.test(String(request.headers.accept ?? ''));
}

function VideoForm({ lang, csrfToken, form, back }: { lang: 'vi' | 'en'; csrfToken: string; form: FormState; back: number | null }): JSX.Element {
  const t = text(lang);
  return (
    <section aria-labelledby="video-upload-h">
      <h2 id="video-upload-h">{t.videoTitle}</h2>
      <p class="hint" id="video-hint" safe>
        {format(t.videoLead, { size: formatMegabytes(UPLOAD_LIMITS.video, lang) })}
      </p>
      <ErrorSummary form={form} title={common(lang).formErrors} />
      <form method="post" action={`/admin/media/video?_csrf=${encodeURIComponent(csrfToken)}${back ? `&back=${back}` : ''}`} enctype="multipart/form-data" novalidate>
        <TextField name="videoTitle" label={t.videoCaption} form={form} maxlength={300} />
        <div class={form.errors.video ? 'field field-error' : 'field'}>
          <label for="video">{t.videoFile}</label>
          {form.errors.video ? (
            <p class="error-message" id="video-error" safe>
              {form.errors.video}
            </p>
          ) : (
            ''
          )}
          <input type="file" id="video" name="video" accept="video/mp4,video/webm" required aria-describedby={form.errors.video ? 'video-error video-hint' : 'video-hint'} />
        </div>
        <button type="submit">{t.videoUpload}</button>
      </form>
    </section>
  );
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** The draft the person came from ("Lưu nháp và tải tệp lên"): an id in ?back=, kept through the uploads. */
function backOf(request: FastifyRequest): number | null {
  return idParam(String((request.query as { back?: string }).back ?? ''));
}

function BackToEntry({ id, lang }: { id: number | null; lang: 'vi' | 'en' }): JSX.Element {
  return id ? (
    <p class="flash flash-info">
      <a href={`/admin/articles/${id}`} class="button">
        {text(lang).backToEntry}
      </a>
    </p>
  ) : (
    ''
  );
}

export function registerMediaRoutes(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const view = { access: { kind: 'permission' as const, permission: 'content.view' as const } };
  const upload = { access: { kind: 'permission' as const, permission: 'content.create' as const } };

  /** The draft of ?back= when it is an article of this site the person may see; never a link elsewhere. */
  async function backTo(request: FastifyRequest): Promise<number | null> {
    const id = backOf(request);
    if (!id) return null;
    const row = await db.selectFrom('articles').select('id').where('site_id', '=', request.site.id).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
    return row ? row.id : null;
  }
  const withBack = (url: string, back: number | null) => (back ? `${url}${url.includes('?') ? '&' : '?'}back=${back}` : url);

  async function libraryPage(request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200, videoForm?: FormState) {
    const t = text(request.lang);
    const back = await backTo(request);
    const page = Math.max(1, Number((request.query as { page?: string }).page) || 1);
    const { items, total } = await listMedia(db, request.site.id, { limit: PAGE, offset: (page - 1) * PAGE, withPrivate: true });
    const ctx = await pageContext(deps, request, reply);
    return sendHtml(
      reply,
      <AdminLayout ctx={ctx} title={t.title}>
        <h1>{t.title}</h1>
        <BackToEntry id={back} lang={request.lang} />
        <p class="lead">{t.lead}</p>
        <h2>{t.upload}</h2>
        <ErrorSummary form={form} title={common(request.lang).formErrors} />
        <form method="post" action={withBack(`/admin/media?_csrf=${encodeURIComponent(ctx.csrfToken)}`, back)} enctype="multipart/form-data" novalidate>
          <SelectField
            name="purpose"
            label={t.purpose}
            form={form}
            required
            options={[
              { value: 'image', label: format(t.image, { size: formatMegabytes(UPLOAD_LIMITS.image, request.lang) }) },
              { value: 'attachment', label: format(t.attachment, { size: formatMegabytes(UPLOAD_LIMITS.attachment, request.lang) }) },
              { value: 'subtitle', label: format(t.subtitle, { size: formatMegabytes(UPLOAD_LIMITS.subtitle, request.lang) }) },
            ]}
          />
          <div class={form.errors.file ? 'field field-error' : 'field'}>
            <label for="file">{t.file}</label>
            {form.errors.file ? (
              <p class="error-message" id="file-error" safe>
                {form.errors.file}
              </p>
            ) : (
              ''
            )}
            <input type="file" id="file" name="file" required aria-describedby={form.errors.file ? 'file-error' : undefined} />
          </div>
          <TextField name="alt" label={t.alt} hint={t.altHint} form={form} maxlength={300} />
          <TextField name="caption" label={t.caption} form={form} maxlength={500} />
          <div class="field checkbox">
            <input type="checkbox" id="private" name="private" value="on" checked={form.values.private === 'on'} aria-describedby="private-hint" />
            <label for="private">{t.private}</label>
            <p class="hint" id="private-hint">
              {t.privateHint}
            </p>
          </div>
          <button type="submit">{t.upload}</button>
        </form>
        <VideoForm lang={request.lang} csrfToken={ctx.csrfToken} form={videoForm ?? emptyForm({})} back={back} />
        {items.length === 0 ? (
          <p>{t.none}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">{t.name}</th>
                  <th scope="col">{t.size}</th>
                  <th scope="col">{t.uploadedAt}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((m) => (
                  <tr>
                    <td>{m.id}</td>
                    <td>
                      <a href={`/admin/media/${m.id}`} safe>
                        {m.originalName}
                      </a>
                      <br />
                      <span class="muted" safe>
                        {`${m.kind === 'image' ? (m.alt ?? `(${t.noAlt})`) : m.openFormat ? m.mime : `${m.mime} (${t.notOpen})`}${m.private ? ` · ${t.privateMark}` : ''}`}
                      </span>
                    </td>
                    <td safe>{`${sizeText(m.size)}${m.width ? ` · ${m.width}×${m.height}` : ''}`}</td>
                    <td safe>{formatDateTime(m.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination lang={request.lang} page={page} pages={Math.max(1, Math.ceil(total / PAGE))} baseUrl="/admin/media" />
      </AdminLayout>,
      status,
    );
  }

  app.get('/admin/media', { config: view }, async (request, reply) => libraryPage(request, reply, emptyForm({ purpose: 'image' })));

  // The rich editor's picture picker: the latest images with their descriptions, as JSON.
  app.get('/admin/media/pictures', { config: { access: { kind: 'permission', permission: 'content.edit' } } }, async (request) => {
    const page = Math.max(1, Math.min(1000, Number((request.query as { page?: string }).page) || 1));
    const { items, total } = await listMedia(db, request.site.id, { kind: 'image', limit: PICKER_PAGE, offset: (page - 1) * PICKER_PAGE });
    return { items: items.map(pickerItem), page, pages: Math.max(1, Math.ceil(total / PICKER_PAGE)) };
  });

  app.post('/admin/media', { config: { ...upload, multipart: true } }, async (request, reply) => {
    const t = text(request.lang);
    const form = new FormReader({}, request.lang);
    try {
      const uploaded = await readUploadForm(request, UPLOAD_LIMITS.attachment);
      const reader = new FormReader(uploaded.fields, request.lang);
      const purpose = reader.choice('purpose', ['image', 'attachment', 'subtitle'] as const, { label: t.purpose, required: true });
      const alt = reader.text('alt', { label: t.alt, max: 300 });
      const caption = reader.text('caption', { label: t.caption, max: 500 });
      const isPrivate = reader.checkbox('private');
      Object.assign(form.values, reader.values);
      Object.assign(form.errors, reader.errors);
      if (!uploaded.file) form.fail('file', t.chooseFile);
      if (form.ok && uploaded.file && purpose) {
        if (uploaded.file.data.length > UPLOAD_LIMITS[purpose]) {
          form.fail('file', `${t.file}: ≤ ${formatMegabytes(UPLOAD_LIMITS[purpose], request.lang)}`);
        } else {
          const item = await uploadMedia(db, deps.files, actorOf(request), { data: uploaded.file.data, originalName: uploaded.file.filename, purpose, alt, caption, private: isPrivate }, deps.clock);
          // The rich editor uploads a picture here and inserts it at once.
          if (asksJson(request)) return reply.code(201).send(pickerItem(item));
          return redirectWithFlash(reply, withBack(`/admin/media/${item.id}`, await backTo(request)), { kind: 'success', text: format(t.uploaded, { name: item.originalName }) });
        }
      }
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      for (const p of error.problems) form.fail(p.field ?? 'file', p[request.lang]);
    }
    if (asksJson(request)) return reply.code(400).send({ error: { code: 'invalid_upload', message: Object.values(form.errors).join(' ') } });
    return libraryPage(request, reply, form, 400);
  });

  // Videos stream into the store with their own, larger limit (only this route has it).
  app.post('/admin/media/video', { config: { ...upload, multipart: true } }, async (request, reply) => {
    const t = text(request.lang);
    const form = new FormReader({}, request.lang);
    let caption: string | null = null;
    let item: MediaItem | null = null;
    let status = 400;
    try {
      for await (const part of request.parts({ limits: { fileSize: UPLOAD_LIMITS.video + 1, files: 1, fields: 5 } })) {
        if (part.type === 'file') {
          if (!part.filename) {
            part.file.resume();
            continue;
          }
          item = await uploadVideo(db, deps.files, actorOf(request), { stream: part.file, originalName: part.filename, caption }, deps.clock);
        } else {
          checkFieldPart(part);
          if (part.fieldname === 'videoTitle' && typeof part.value === 'string') {
            const reader = new FormReader({ videoTitle: part.value }, request.lang);
            caption = reader.text('videoTitle', { label: t.videoCaption, max: 300 });
            Object.assign(form.values, reader.values);
            Object.assign(form.errors, reader.errors);
          }
        }
      }
    } catch (error) {
      if (error instanceof DomainError) {
        // Over the limit is 413, like the body limits; any other refusal 400.
        if (error.status === 413) status = 413;
        for (const p of error.problems) form.fail('video', p[request.lang]);
      }
      else if ((error as { code?: string }).code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') form.fail('video', t.chooseFile);
      else throw multipartRefusal(error);
    }
    if (item && form.ok) return redirectWithFlash(reply, withBack(`/admin/media/${item.id}`, await backTo(request)), { kind: 'success', text: format(t.uploaded, { name: item.originalName }) });
    if (!item && form.ok) form.fail('video', t.chooseFile);
    return libraryPage(request, reply, emptyForm({ purpose: 'image' }), status, form);
  });

  async function detail(request: FastifyRequest, reply: FastifyReply, item: MediaItem, form: FormState, status = 200) {
    const t = text(request.lang);
    const ctx = await pageContext(deps, request, reply);
    const back = await backTo(request);
    return sendHtml(
      reply,
      <AdminLayout ctx={ctx} title={t.editTitle}>
        <p>
          <a href={withBack('/admin/media', back)}>{t.back}</a>
        </p>
        <BackToEntry id={back} lang={request.lang} />
        <h1 safe>{item.originalName}</h1>
        {item.kind === 'image' ? <img src={item.url} alt={item.alt ?? ''} class="media-preview" width={String(Math.min(item.width ?? 320, 480))} /> : ''}
        {isVideo(item) ? (
          <video controls {...NO_PRELOAD} class="media-preview" width="480">
            <source src={item.url} type={item.mime} />
          </video>
        ) : (
          ''
        )}
        <dl class="meta">
          <dt>{t.address}</dt>
          <dd>
            <code safe>{item.url}</code>
          </dd>
          <dt>{t.size}</dt>
          <dd safe>{`${sizeText(item.size)} · ${item.mime}${item.openFormat ? '' : ` (${t.notOpen})`}`}</dd>
          {item.width ? (
            <>
              <dt>{t.dimensions}</dt>
              <dd safe>{`${item.width}×${item.height}`}</dd>
              <dt>{t.variants}</dt>
              <dd safe>{item.variants.map((v) => `${v.width}px`).join(', ') || '—'}</dd>
            </>
          ) : (
            ''
          )}
        </dl>
        <ErrorSummary form={form} title={common(request.lang).formErrors} />
        <form method="post" action={withBack(`/admin/media/${item.id}`, back)} novalidate>
          <CsrfField token={ctx.csrfToken} />
          <TextField name="alt" label={t.alt} hint={t.altHint} form={form} maxlength={300} />
          <TextField name="caption" label={t.caption} form={form} maxlength={500} />
          <button type="submit">{common(request.lang).save}</button>
        </form>
      </AdminLayout>,
      status,
    );
  }

  app.get('/admin/media/:id', { config: view }, async (request, reply) => {
    const id = idParam((request.params as { id: string }).id);
    const item = id ? await getMedia(db, request.site.id, id) : null;
    if (!item) return notFound(request, reply);
    return detail(request, reply, item, emptyForm({ alt: item.alt ?? '', caption: item.caption ?? '' }));
  });

  app.post('/admin/media/:id', { config: upload }, async (request, reply) => {
    const t = text(request.lang);
    const id = idParam((request.params as { id: string }).id);
    const item = id ? await getMedia(db, request.site.id, id) : null;
    if (!item) return notFound(request, reply);
    const form = new FormReader(request.body, request.lang);
    const alt = form.text('alt', { label: t.alt, max: 300 });
    const caption = form.text('caption', { label: t.caption, max: 500 });
    if (!form.ok) return detail(request, reply, item, form, 400);
    await updateMediaText(db, actorOf(request), item.id, { alt, caption }, deps.clock);
    return redirectWithFlash(reply, withBack(`/admin/media/${item.id}`, await backTo(request)), { kind: 'success', text: t.saved });
  });
}
