// Public pages of the forum: the categories, a category's topics, a topic with
// its replies and the reply form, the new-topic form, the report form and what
// a poster is told after sending. Posts are plain text, escaped, with their
// line breaks kept and no link made clickable; a removed post shows only the
// board's notice and reason. No poster's contact is ever on a page.
import { formatDate, formatDateTime, vietnamDate } from '../../core/time.ts';
import type { ForumCategoryRow, ForumTopicRow } from '../../platform/db/schema.ts';
import { ErrorSummary, SelectField, TextArea, TextField, type FormState } from '../../ui/components/form.tsx';
import { SpamGuard } from '../../ui/components/spam-guard.tsx';
import { format, type Lang } from '../../ui/i18n.ts';
import { SiteClosedNotice, type ElsewhereLink } from '../public/closed-site.tsx';
import { PublicLayout, type PublicChrome } from '../public/layout.tsx';
import { Pager } from '../public/pages.tsx';
import { forumText } from './messages.ts';
import { forumPaths, LIMITS, type HoldReason, type PostStatus } from './model.ts';
import type { CategoryStats, PublicPost, TopicListItem } from './store.ts';

export interface PostFormState extends FormState {
  stamp: string;
}

function Breadcrumb(props: { lang: Lang; category?: ForumCategoryRow | null }): JSX.Element {
  const t = forumText(props.lang);
  return (
    <nav aria-label={t.title} class="breadcrumb">
      <a href={forumPaths.index(props.lang)}>{t.title}</a>
      {props.category ? (
        <>
          {' › '}
          <a href={forumPaths.category(props.lang, props.category.slug)} safe>
            {props.category.name}
          </a>
        </>
      ) : (
        ''
      )}
    </nav>
  );
}

export function ForumIndexPage(props: { chrome: PublicChrome; canonical: string; stats: CategoryStats[]; closed: boolean; board: string }): JSX.Element {
  const lang = props.chrome.lang;
  const t = forumText(lang);
  return (
    <PublicLayout chrome={props.chrome} title={t.title} canonical={props.canonical}>
      <h1>{t.title}</h1>
      <p class="lead" safe>
        {format(t.lead, { board: props.board })}
      </p>
      <p class="hint">{t.rules}</p>
      {props.closed ? '' : (
        <p>
          <a class="button" href={forumPaths.newTopic(lang)}>
            {t.newTopic}
          </a>
        </p>
      )}
      <h2>{t.categories}</h2>
      {props.stats.length === 0 ? (
        <p>{t.noCategories}</p>
      ) : (
        <ul class="items forum-list">
          {props.stats.map((s) => (
            <li class="item">
              <div>
                <h3>
                  <a href={forumPaths.category(lang, s.category.slug)} safe>
                    {s.category.name}
                  </a>
                </h3>
                {s.category.description ? <p safe>{s.category.description}</p> : ''}
                <p class="meta-line" safe>{`${format(t.topicsCount, { n: s.topics })} · ${s.latestAt ? format(t.latest, { date: formatDateTime(s.latestAt) }) : t.noActivity}`}</p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </PublicLayout>
  );
}

export function CategoryPage(props: { chrome: PublicChrome; canonical: string; category: ForumCategoryRow; rows: TopicListItem[]; page: number; pages: number; closed: boolean }): JSX.Element {
  const lang = props.chrome.lang;
  const t = forumText(lang);
  const c = props.category;
  return (
    <PublicLayout chrome={props.chrome} title={props.page > 1 ? `${c.name} · ${format(t.page, { page: props.page })}` : c.name} canonical={props.canonical}>
      <Breadcrumb lang={lang} />
      <h1 safe>{c.name}</h1>
      {c.description ? <p class="lead" safe>{c.description}</p> : ''}
      {props.closed ? '' : (
        <p>
          <a class="button" href={`${forumPaths.newTopic(lang)}?chu-de-lon=${encodeURIComponent(c.slug)}`}>
            {t.newTopic}
          </a>
        </p>
      )}
      {props.rows.length === 0 ? (
        <p>{t.noTopics}</p>
      ) : (
        <ul class="items forum-list">
          {props.rows.map((r) => (
            <li class="item">
              <div>
                <h2 class="forum-topic-title">
                  <a href={forumPaths.topic(lang, r.id)} safe>
                    {r.status === 'removed' ? t.removedTopic : r.title}
                  </a>
                </h2>
                {r.pinned || r.locked ? (
                  <p>
                    {r.pinned ? <span class="label">{t.pinned}</span> : ''} {r.locked ? <span class="label">{t.locked}</span> : ''}
                  </p>
                ) : (
                  ''
                )}
                <p class="meta-line" safe>
                  {r.status === 'removed'
                    ? format(t.startedBy, { name: t.authorHidden, date: formatDateTime(r.createdAt) })
                    : `${format(t.startedBy, { name: r.authorName ?? t.authorHidden, date: formatDateTime(r.createdAt) })} · ${format(t.repliesCount, { n: r.replies })}${r.lastAt ? ` · ${format(t.latest, { date: formatDateTime(r.lastAt) })}` : ''}`}
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
      <Pager lang={lang} page={props.page} pages={props.pages} base={forumPaths.category(lang, c.slug)} />
    </PublicLayout>
  );
}

/** One post as readers see it: its text, or the removal notice with its date and reason. */
function Post(props: { post: PublicPost; lang: Lang; board: string; reportable: boolean; heading: 'h2' | 'h3' }): JSX.Element {
  const t = forumText(props.lang);
  const p = props.post;
  const who = p.byBoard ? format(t.boardAnswers, { board: props.board }) : (p.authorName ?? t.authorHidden);
  const Heading = props.heading;
  return (
    <article class={p.byBoard ? 'forum-post forum-board' : 'forum-post'} id={`bai-${p.id}`} aria-labelledby={`bai-${p.id}-h`}>
      <Heading class="forum-author" id={`bai-${p.id}-h`}>
        {p.byBoard ? <span class="label" safe>{who}</span> : <span safe>{who}</span>}
      </Heading>
      <p class="meta-line">
        <time datetime={p.publishedAt} safe>
          {formatDateTime(p.publishedAt)}
        </time>
      </p>
      {p.status === 'removed' ? (
        <p class="forum-removed" safe>
          {format(t.removedNotice, { board: props.board, date: formatDate(vietnamDate(new Date(p.removedAt ?? p.publishedAt))), reason: p.removalReason ?? '' })}
        </p>
      ) : (
        <div class="forum-body pre-line" safe>
          {p.body ?? ''}
        </div>
      )}
      {props.reportable && p.status === 'published' && !p.byBoard ? (
        <p class="forum-report">
          <a href={forumPaths.report(props.lang, p.id)} rel="nofollow">
            {t.report}
          </a>
        </p>
      ) : (
        ''
      )}
    </article>
  );
}

/** What a poster is told after sending: published, or held (and why, in general words). */
export function Outcome(props: { lang: Lang; status: PostStatus; heldFor: HoldReason[]; board: string; titled?: boolean }): JSX.Element {
  const t = forumText(props.lang);
  return (
    <div class="notice-ok" role="status">
      {props.titled === false ? '' : <h2>{t.heldTitle}</h2>}
      <p safe>{props.status === 'published' ? t.published : format(props.heldFor.length > 0 ? t.heldScreened : t.held, { board: props.board })}</p>
    </div>
  );
}

function AuthorFields(props: { lang: Lang; form: PostFormState; board: string; retentionDays: number }): JSX.Element {
  const t = forumText(props.lang);
  return (
    <>
      <TextField name="name" label={t.name} hint={t.nameHint} form={props.form} required autocomplete="nickname" maxlength={LIMITS.name} />
      <TextField name="contact" label={t.contact} hint={format(t.contactHint, { board: props.board, days: props.retentionDays })} form={props.form} required autocomplete="email" maxlength={254} />
    </>
  );
}

export interface TopicPageProps {
  chrome: PublicChrome;
  canonical: string;
  topic: ForumTopicRow;
  category: ForumCategoryRow | null;
  first: PublicPost | null;
  replies: PublicPost[];
  totalReplies: number;
  page: number;
  pages: number;
  board: string;
  /** The reply form, unless the topic is locked or the site closed. */
  form: PostFormState | null;
  retentionDays: number;
  siteClosed: { to: ElsewhereLink | null } | null;
  outcome: { status: PostStatus; heldFor: HoldReason[] } | null;
}

export function TopicPage(props: TopicPageProps): JSX.Element {
  const lang = props.chrome.lang;
  const t = forumText(lang);
  const removed = props.topic.status === 'removed';
  const title = removed ? t.removedTopic : props.topic.title;
  const base = forumPaths.topic(lang, props.topic.id);
  return (
    <PublicLayout chrome={props.chrome} title={title} canonical={props.canonical} noindex={removed}>
      <Breadcrumb lang={lang} category={props.category} />
      {props.outcome ? <Outcome lang={lang} status={props.outcome.status} heldFor={props.outcome.heldFor} board={props.board} /> : ''}
      <h1 safe>{title}</h1>
      {props.topic.pinned === 1 || props.topic.locked === 1 ? (
        <p>
          {props.topic.pinned === 1 ? <span class="label">{t.pinned}</span> : ''} {props.topic.locked === 1 ? <span class="label">{t.locked}</span> : ''}
        </p>
      ) : (
        ''
      )}
      {props.first && (props.page === 1 || removed) ? <Post post={props.first} lang={lang} board={props.board} reportable={!props.siteClosed && !removed} heading="h2" /> : ''}
      {/* A removed topic shows its removal notice only; its replies stay in the back office. */}
      {removed ? '' : (
      <>
      <section aria-labelledby="forum-replies" class="forum-replies">
        <h2 id="forum-replies" safe>{`${t.replies} (${props.totalReplies})`}</h2>
        {props.replies.length === 0 ? <p>{t.noReplies}</p> : props.replies.map((r) => <Post post={r} lang={lang} board={props.board} reportable={!props.siteClosed} heading="h3" />)}
        <Pager lang={lang} page={props.page} pages={props.pages} base={base} />
      </section>
      <section aria-labelledby="forum-reply-form">
        <h2 id="forum-reply-form">{t.replyHeading}</h2>
        {props.siteClosed ? (
          <SiteClosedNotice lang={lang} to={props.siteClosed.to} />
        ) : props.form ? (
          <>
            <ErrorSummary form={props.form} title={t.formErrors} />
            <form method="post" action={base} novalidate class="citizen-form">
              <SpamGuard stamp={props.form.stamp} lang={lang} />
              <AuthorFields lang={lang} form={props.form} board={props.board} retentionDays={props.retentionDays} />
              <TextArea name="body" label={t.body} hint={format(t.bodyHint, { max: LIMITS.body })} form={props.form} required rows={6} maxlength={LIMITS.body} />
              <button type="submit" class="button">
                {t.reply}
              </button>
            </form>
          </>
        ) : (
          <p class="site-notice">{t.lockedNotice}</p>
        )}
      </section>
      </>
      )}
    </PublicLayout>
  );
}

export function NewTopicPage(props: { chrome: PublicChrome; categories: ForumCategoryRow[]; form: PostFormState; board: string; retentionDays: number }): JSX.Element {
  const lang = props.chrome.lang;
  const t = forumText(lang);
  return (
    <PublicLayout chrome={props.chrome} title={t.newTopicTitle} noindex>
      <Breadcrumb lang={lang} />
      <h1>{t.newTopicTitle}</h1>
      <p class="hint">{t.rules}</p>
      <ErrorSummary form={props.form} title={t.formErrors} />
      <form method="post" action={forumPaths.newTopic(lang)} novalidate class="citizen-form">
        <SpamGuard stamp={props.form.stamp} lang={lang} />
        <SelectField name="category" label={t.category} form={props.form} required emptyLabel={t.chooseCategory} options={props.categories.map((c) => ({ value: String(c.id), label: c.name }))} />
        <TextField name="title" label={t.topicTitle} form={props.form} required maxlength={LIMITS.title} />
        <TextArea name="body" label={t.body} hint={format(t.bodyHint, { max: LIMITS.body })} form={props.form} required rows={10} maxlength={LIMITS.body} />
        <AuthorFields lang={lang} form={props.form} board={props.board} retentionDays={props.retentionDays} />
        <button type="submit" class="button">
          {t.send}
        </button>
      </form>
    </PublicLayout>
  );
}

/** After a new topic: what happened, and where to go. */
export function SentPage(props: { chrome: PublicChrome; outcome: { status: PostStatus; heldFor: HoldReason[] } | null; topicId: number | null; board: string }): JSX.Element {
  const lang = props.chrome.lang;
  const t = forumText(lang);
  return (
    <PublicLayout chrome={props.chrome} title={t.heldTitle} noindex>
      <Breadcrumb lang={lang} />
      <h1>{t.heldTitle}</h1>
      {/* The page's heading already says it was sent. */}
      {props.outcome ? <Outcome lang={lang} status={props.outcome.status} heldFor={props.outcome.heldFor} board={props.board} titled={false} /> : <p safe>{format(t.held, { board: props.board })}</p>}
      <p>
        {props.outcome?.status === 'published' && props.topicId ? <a href={forumPaths.topic(lang, props.topicId)}>{t.openTopic}</a> : <a href={forumPaths.index(lang)}>{t.title}</a>}
      </p>
    </PublicLayout>
  );
}

export function ReportPage(props: { chrome: PublicChrome; post: PublicPost & { topicId: number; topicTitle: string }; form: PostFormState | null; board: string; siteClosed: { to: ElsewhereLink | null } | null }): JSX.Element {
  const lang = props.chrome.lang;
  const t = forumText(lang);
  return (
    <PublicLayout chrome={props.chrome} title={t.reportTitle} noindex>
      <Breadcrumb lang={lang} />
      <h1>{t.reportTitle}</h1>
      <p>
        <a href={`${forumPaths.topic(lang, props.post.topicId)}#bai-${props.post.id}`} safe>
          {props.post.topicTitle}
        </a>
      </p>
      <section aria-labelledby="forum-quoted" class="panel">
        <h2 id="forum-quoted">{t.quoted}</h2>
        <Post post={props.post} lang={lang} board={props.board} reportable={false} heading="h3" />
      </section>
      {props.siteClosed ? (
        <SiteClosedNotice lang={lang} to={props.siteClosed.to} />
      ) : props.form ? (
        <>
          <p safe>{format(t.reportLead, { board: props.board })}</p>
          <ErrorSummary form={props.form} title={t.formErrors} />
          <form method="post" action={forumPaths.report(lang, props.post.id)} novalidate class="citizen-form">
            <SpamGuard stamp={props.form.stamp} lang={lang} />
            <TextArea name="reason" label={t.reportReason} form={props.form} required rows={4} maxlength={LIMITS.reason} />
            <button type="submit" class="button">
              {t.reportSend}
            </button>
          </form>
        </>
      ) : (
        <div class="notice-ok" role="status">
          <p safe>{format(t.reportSent, { board: props.board })}</p>
        </div>
      )}
    </PublicLayout>
  );
}
