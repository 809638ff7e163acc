// Public pages of drafts for comment: the lists (open now, closed, concluded)
// and a draft's page with its full text, files, parts, approved comments
// (numbered, never with who sent them), contact, and while open the comment
// form; once concluded, the results and the responses.
import { formatDate } from '../../core/time.ts';
import type { ConsultationRow } from '../../platform/db/schema.ts';
import { ErrorSummary, TextArea, TextField, type FormState } from '../../ui/components/form.tsx';
import { SpamGuard } from '../../ui/components/spam-guard.tsx';
import { format, type Lang } from '../../ui/i18n.ts';
import type { MediaItem } from '../media/media.ts';
import { SiteClosedNotice, type ElsewhereLink } from '../public/closed-site.tsx';
import { PublicLayout, type PublicChrome } from '../public/layout.tsx';
import { paths } from '../public/site-view.ts';
import { RatingSection, type RatingView } from '../ratings/rating-form.tsx';
import { publicConsultationText } from './messages.ts';
import { daysLeft, numberedComments, type Phase } from './model.ts';
import type { PublicComment, PublicLists } from './store.ts';

function Item(props: { row: ConsultationRow; lang: Lang; typeLabel: string; today: string; showLeft: boolean }): JSX.Element {
  const t = publicConsultationText(props.lang);
  const r = props.row;
  const left = daysLeft(r.closes_on, props.today);
  return (
    <li class="item">
      <div>
        <h3>
          <a href={paths.consultation(r.slug)} safe>
            {r.title}
          </a>
        </h3>
        <p class="meta-line" safe>{`${props.typeLabel} · ${r.drafting_agency} · ${format(t.periodValue, { from: formatDate(r.opens_on), to: formatDate(r.closes_on) })}`}</p>
        {props.showLeft ? <p safe>{left === 0 ? t.lastDay : format(t.daysLeft, { n: left })}</p> : ''}
      </div>
    </li>
  );
}

export function ConsultationIndexPage(props: { chrome: PublicChrome; canonical: string; lists: PublicLists; typeLabel: (key: string | null) => string; today: string; head: JSX.Element }): JSX.Element {
  const c = props.chrome;
  const t = publicConsultationText(c.lang);
  const block = (id: string, heading: string, rows: ConsultationRow[], empty: string, showLeft: boolean) => (
    <section aria-labelledby={id}>
      <h2 id={id} safe>
        {heading}
      </h2>
      {rows.length === 0 ? (
        <p safe>{empty}</p>
      ) : (
        <ul class="items">
          {rows.map((r) => (
            <Item row={r} lang={c.lang} typeLabel={props.typeLabel(r.doc_type)} today={props.today} showLeft={showLeft} />
          ))}
        </ul>
      )}
    </section>
  );
  return (
    <PublicLayout chrome={c} title={t.title} canonical={props.canonical} head={props.head}>
      <h1>{t.title}</h1>
      <p class="lead">{t.lead}</p>
      {block('lyk-open', t.open, props.lists.open, t.noneOpen, true)}
      {block('lyk-closed', t.closed, props.lists.closed, t.noneClosed, false)}
      {block('lyk-concluded', t.concluded, props.lists.concluded, t.noneConcluded, false)}
    </PublicLayout>
  );
}

export interface CommentFormState extends FormState {
  stamp: string;
}

export interface DetailProps {
  chrome: PublicChrome;
  canonical: string;
  head: JSX.Element;
  row: ConsultationRow;
  phase: Phase;
  today: string;
  typeLabel: string;
  parts: string[];
  files: MediaItem[];
  comments: PublicComment[];
  /** The comment form while open; null otherwise. */
  form: CommentFormState | null;
  /** Shown above the page after a POST: sent, or refused because the period ended. */
  outcome?: 'sent' | 'closed' | null;
  /** The site no longer operates: no comments, and where to comment instead. */
  siteClosed?: { to: ElsewhereLink | null } | null;
  rating: RatingView | null;
  /** The site's name of its board ("Ban biên tập", "Tổ biên tập"). */
  board: string;
}

export function ConsultationPage(props: DetailProps): JSX.Element {
  const c = props.chrome;
  const t = publicConsultationText('vi');
  const { row } = props;
  const left = daysLeft(row.closes_on, props.today);
  const concluded = props.phase === 'concluded';
  const comments = numberedComments(props.comments.map((x) => ({ ...x, status: 'approved' })));
  const h = (id: string, text: string) => (
    <h2 id={id} safe>
      {text}
    </h2>
  );
  return (
    <PublicLayout chrome={c} title={row.title} canonical={props.canonical} head={props.head}>
      <nav aria-label={t.title} class="breadcrumb">
        <a href={paths.consultations('vi')}>{t.title}</a>
      </nav>
      {props.outcome === 'sent' ? (
        <div class="notice-ok" role="status">
          <h2>{t.sentTitle}</h2>
          <p>{t.sent}</p>
        </div>
      ) : props.outcome === 'closed' ? (
        <p class="site-notice" role="alert">
          {t.closedRefused}
        </p>
      ) : (
        ''
      )}
      <article class="consultation" lang="vi">
        <h1 safe>{row.title}</h1>
        <p class="label">
          {props.phase === 'open' ? t.open : concluded ? t.concluded : t.closed}
        </p>
        <dl class="meta">
          <dt>{t.docType}</dt>
          <dd safe>{props.typeLabel}</dd>
          <dt>{t.draftingAgency}</dt>
          <dd safe>{row.drafting_agency}</dd>
          <dt>{t.opensOn}</dt>
          <dd>
            <time datetime={row.opens_on} safe>
              {formatDate(row.opens_on)}
            </time>
          </dd>
          <dt>{t.closesOn}</dt>
          <dd>
            <time datetime={row.closes_on} safe>
              {formatDate(row.closes_on)}
            </time>
            {props.phase === 'open' ? <strong safe>{` (${left === 0 ? t.lastDay : format(t.daysLeft, { n: left })})`}</strong> : ''}
          </dd>
        </dl>

        {concluded && row.results_summary ? (
          <section aria-labelledby="lyk-results" class="panel">
            {h('lyk-results', t.results)}
            {/* Stored HTML is sanitised by the allow-list on every save. */}
            <div class="article-body">{row.results_summary as 'safe'}</div>
          </section>
        ) : (
          ''
        )}

        <section aria-labelledby="lyk-summary">
          {h('lyk-summary', t.summary)}
          <p class="pre-line" safe>
            {row.summary}
          </p>
        </section>

        {row.body ? (
          <section aria-labelledby="lyk-text">
            {h('lyk-text', t.fullText)}
            {/* Stored HTML is sanitised by the allow-list on every save. */}
            <div class="article-body">{row.body as 'safe'}</div>
          </section>
        ) : (
          ''
        )}

        {props.files.length > 0 ? (
          <section aria-labelledby="lyk-files">
            {h('lyk-files', t.files)}
            <ul>
              {props.files.map((m) => (
                <li>
                  <a href={m.url} download={m.originalName} safe>
                    {`${m.originalName} (${m.ext.toUpperCase()}, ${Math.max(1, Math.round(m.size / 1024))} KB)`}
                  </a>
                  {m.openFormat ? '' : <span class="muted" safe>{` (${t.notOpen})`}</span>}
                </li>
              ))}
            </ul>
          </section>
        ) : (
          ''
        )}

        {props.parts.length > 0 ? (
          <section aria-labelledby="lyk-parts">
            {h('lyk-parts', t.parts)}
            <ul>
              {props.parts.map((p) => (
                <li safe>{p}</li>
              ))}
            </ul>
          </section>
        ) : (
          ''
        )}

        <section aria-labelledby="lyk-comments">
          {h('lyk-comments', `${t.comments} (${comments.length})`)}
          <p class="hint" safe>
            {format(t.commentsNote, { board: props.board })}
          </p>
          {comments.length === 0 ? (
            <p>{t.noComments}</p>
          ) : (
            <ol class="items">
              {comments.map((cm) => (
                <li class="item" id={`y-kien-${cm.n}`}>
                  <div>
                    <h3 safe>{format(t.commentN, { n: cm.n })}</h3>
                    <p class="meta-line" safe>{format(t.onPart, { part: cm.part ?? t.wholeDraft })}</p>
                    <p class="pre-line" safe>
                      {cm.body}
                    </p>
                    {concluded && cm.response ? (
                      <div class="panel">
                        <h4 safe>{`${t.response}: ${cm.responseKind === 'accepted' ? t.accepted : t.explained}`}</h4>
                        <p class="pre-line" safe>
                          {cm.response}
                        </p>
                      </div>
                    ) : (
                      ''
                    )}
                  </div>
                </li>
              ))}
            </ol>
          )}
        </section>

        <section aria-labelledby="lyk-contact">
          {h('lyk-contact', t.contact)}
          <p class="pre-line" safe>
            {row.contact}
          </p>
        </section>

        <section aria-labelledby="lyk-form">
          {h('lyk-form', t.form)}
          {props.form ? (
            <CommentForm row={row} parts={props.parts} form={props.form} board={props.board} />
          ) : props.siteClosed ? (
            <SiteClosedNotice lang="vi" to={props.siteClosed.to} />
          ) : (
            <p class="site-notice">{t.closedNotice}</p>
          )}
        </section>
        <RatingSection lang="vi" rating={props.rating} />
      </article>
    </PublicLayout>
  );
}

function CommentForm(props: { row: ConsultationRow; parts: string[]; form: CommentFormState; board: string }): JSX.Element {
  const t = publicConsultationText('vi');
  const f = props.form;
  const chosen = typeof f.values.part === 'string' ? f.values.part : '';
  return (
    <>
      <ErrorSummary form={f} title={t.formErrors} />
      <form method="post" action={paths.consultation(props.row.slug)} novalidate>
        <SpamGuard stamp={f.stamp} lang="vi" />
        <TextField name="name" label={t.name} form={f} required autocomplete="name" maxlength={120} />
        <TextField name="email" type="email" label={t.email} form={f} required autocomplete="email" maxlength={254} />
        <TextField name="organisation" label={t.organisation} form={f} autocomplete="organization" maxlength={300} />
        {props.parts.length > 0 ? (
          <div class={f.errors.part ? 'field field-error' : 'field'}>
            <label for="part">{t.part}</label>
            {f.errors.part ? (
              <p class="error-message" id="part-error" safe>
                {f.errors.part}
              </p>
            ) : (
              ''
            )}
            <select id="part" name="part" aria-invalid={f.errors.part ? 'true' : undefined} aria-describedby={f.errors.part ? 'part-error' : undefined}>
              <option value="">{t.wholeDraft}</option>
              {props.parts.map((p) => (
                <option value={p} selected={p === chosen} safe>
                  {p}
                </option>
              ))}
            </select>
          </div>
        ) : (
          ''
        )}
        <TextArea name="comment" label={t.comment} form={f} required rows={8} maxlength={10000} />
        <p class="hint" id="privacy" safe>
          {format(t.privacy, { board: props.board })}
        </p>
        <button type="submit" class="button">
          {t.send}
        </button>
      </form>
    </>
  );
}
