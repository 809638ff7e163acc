// The public pages of polls: the list (/binh-chon), a poll with its form
// (radio buttons or checkboxes in a fieldset with a legend, no script needed)
// and its results as a bar chart whose every bar also says its share and
// count in words, and the home page's block.
import { formatDateTime } from '../../core/time.ts';
import { SpamGuard } from '../../ui/components/spam-guard.tsx';
import { format, type Lang } from '../../ui/i18n.ts';
import { PublicLayout, type PublicChrome } from '../public/layout.tsx';
import { SiteClosedNotice, type ElsewhereLink } from '../public/closed-site.tsx';
import { pollPublicText } from './messages.ts';
import { pollResults, type PollPhase } from './poll.ts';
import type { PollOptionRow, PollRow } from './schema.ts';

export const pollPaths = {
  list: '/binh-chon',
  poll: (id: number) => `/binh-chon/${id}`,
};

export function questionOf(poll: Pick<PollRow, 'question' | 'question_en'>, lang: Lang): string {
  return lang === 'en' && poll.question_en ? poll.question_en : poll.question;
}

function labelOf(option: Pick<PollOptionRow, 'label' | 'label_en'>, lang: Lang): string {
  return lang === 'en' && option.label_en ? option.label_en : option.label;
}

function Period({ lang, poll }: { lang: Lang; poll: PollRow }): JSX.Element {
  const t = pollPublicText(lang);
  const end = poll.closed_at && poll.closed_at < poll.closes_at ? poll.closed_at : poll.closes_at;
  return (
    <p class="meta-line">
      {t.period}:{' '}
      <time datetime={poll.opens_at} safe>
        {formatDateTime(poll.opens_at)}
      </time>{' '}
      {t.to}{' '}
      <time datetime={end} safe>
        {formatDateTime(end)}
      </time>
    </p>
  );
}

/** The results: a list of options, each with its share and count in text and a bar (decoration only). */
export function PollResults({ lang, poll, options, headingId }: { lang: Lang; poll: PollRow; options: PollOptionRow[]; headingId: string }): JSX.Element {
  const t = pollPublicText(lang);
  const results = pollResults(poll.ballots, options.map((o) => ({ id: o.id, label: labelOf(o, lang), votes: o.votes })), poll.multiple === 1);
  return (
    <section class="poll-results" aria-labelledby={headingId}>
      <h2 id={headingId}>{t.results}</h2>
      <p safe>{format(t.ballotsTotal, { n: poll.ballots.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB') })}</p>
      <ol class="poll-bars">
        {results.map((r) => (
          <li>
            <span class="poll-label" safe>
              {r.label}
            </span>{' '}
            <strong class="poll-share" safe>{`${r.percent}%`}</strong> <span class="poll-count" safe>{`(${format(t.votes, { n: r.votes })})`}</span>
            <svg class="poll-bar" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true" focusable="false">
              <rect x="0" y="0" width="100" height="6" fill="#e6e1da" />
              <rect x="0" y="0" width={String(r.percent > 100 ? 100 : r.percent)} height="6" fill="#8b1a1a" />
            </svg>
          </li>
        ))}
      </ol>
      {poll.multiple === 1 ? <p class="hint">{t.multipleNote}</p> : ''}
    </section>
  );
}

export function PollListPage(props: { chrome: PublicChrome; canonical: string; running: PollRow[]; closed: { poll: PollRow; options: PollOptionRow[] }[]; head?: JSX.Element }): JSX.Element {
  const c = props.chrome;
  const t = pollPublicText(c.lang);
  return (
    <PublicLayout chrome={c} title={t.title} canonical={props.canonical} head={props.head}>
      <h1>{t.title}</h1>
      <p class="lead">{t.lead}</p>
      <section aria-labelledby="running-h">
        <h2 id="running-h">{t.running}</h2>
        {props.running.length === 0 ? (
          <p>{t.noneRunning}</p>
        ) : (
          <ul class="poll-list">
            {props.running.map((p) => (
              <li>
                <h3>
                  <a href={pollPaths.poll(p.id)} safe>
                    {questionOf(p, c.lang)}
                  </a>
                </h3>
                <Period lang={c.lang} poll={p} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="closed-h">
        <h2 id="closed-h">{t.closed}</h2>
        {props.closed.length === 0 ? (
          <p>{t.noneClosed}</p>
        ) : (
          <ul class="poll-list">
            {props.closed.map(({ poll, options }) => (
              <li>
                <h3>
                  <a href={pollPaths.poll(poll.id)} safe>
                    {questionOf(poll, c.lang)}
                  </a>
                </h3>
                <Period lang={c.lang} poll={poll} />
                <PollResults lang={c.lang} poll={poll} options={options} headingId={`results-${poll.id}`} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </PublicLayout>
  );
}

export interface BallotForm {
  stamp: string;
  error: string | null;
  chosen: string[];
}

export function PollPage(props: {
  chrome: PublicChrome;
  canonical: string;
  poll: PollRow;
  options: PollOptionRow[];
  phase: PollPhase;
  /** The form, when this browser may vote now. */
  form: BallotForm | null;
  notice: 'thanks' | 'already' | null;
  /** This browser's ballot is counted. */
  voted: boolean;
  siteClosed: { to: ElsewhereLink | null } | null;
  head?: JSX.Element;
}): JSX.Element {
  const c = props.chrome;
  const t = pollPublicText(c.lang);
  const { poll } = props;
  const question = questionOf(poll, c.lang);
  const closed = props.phase === 'closed';
  const showResults = closed || (props.voted && poll.results_before_close === 1);
  const max = poll.multiple === 1 ? poll.max_choices : 1;
  return (
    <PublicLayout chrome={c} title={question} canonical={props.canonical} head={props.head}>
      <p class="breadcrumb">
        <a href={pollPaths.list}>{t.title}</a>
      </p>
      <h1 safe>{question}</h1>
      <Period lang={c.lang} poll={poll} />
      {poll.description ? (
        <div class="poll-description">
          {poll.description.split('\n').map((line) => (
            <p safe>{line}</p>
          ))}
        </div>
      ) : (
        ''
      )}
      {props.notice ? (
        <p class={props.notice === 'thanks' ? 'notice-ok' : 'site-notice'} role="status">
          {props.notice === 'thanks' ? t.thanks : t.already}
        </p>
      ) : (
        ''
      )}
      {closed ? <p class="site-notice">{t.closedNotice}</p> : ''}
      {props.siteClosed ? <SiteClosedNotice lang={c.lang} to={props.siteClosed.to} /> : ''}
      {props.form ? (
        <form method="post" action={pollPaths.poll(poll.id)} class="poll-form" novalidate>
          {props.form.error ? (
            <div class="error-summary" role="alert" tabindex="-1" autofocus>
              <p>
                <a href="#poll-choices" safe>
                  {props.form.error}
                </a>
              </p>
            </div>
          ) : (
            ''
          )}
          <fieldset id="poll-choices" class={props.form.error ? 'field field-error' : 'field'} aria-describedby="poll-hint">
            {/* The heading above shows the question; the legend keeps it as the group's name for screen readers. */}
            <legend class="visually-hidden" safe>
              {question}
            </legend>
            <p class="hint" id="poll-hint" safe>
              {max === 1 ? t.chooseOne : format(t.chooseUpTo, { n: max })}
            </p>
            {props.options.map((o) => (
              <div class={max === 1 ? 'radio' : 'checkbox'}>
                <input type={max === 1 ? 'radio' : 'checkbox'} id={`option-${o.id}`} name="option" value={String(o.id)} checked={props.form!.chosen.includes(String(o.id))} />
                <label for={`option-${o.id}`} safe>
                  {labelOf(o, c.lang)}
                </label>
              </div>
            ))}
          </fieldset>
          <SpamGuard stamp={props.form.stamp} lang={c.lang} />
          <p class="hint">{t.privacy}</p>
          <button type="submit" class="button">
            {t.send}
          </button>
        </form>
      ) : (
        ''
      )}
      {showResults ? <PollResults lang={c.lang} poll={poll} options={props.options} headingId="results-h" /> : props.voted ? <p>{t.resultsLater}</p> : ''}
    </PublicLayout>
  );
}

/** The running poll on the home page: its question and a link to vote (the home page is cached; the form needs a fresh page). */
export function HomePollBlock({ lang, poll }: { lang: Lang; poll: PollRow }): JSX.Element {
  const t = pollPublicText(lang);
  return (
    <section class="home-block home-poll" aria-labelledby="home-poll-h">
      <h2 id="home-poll-h">
        <a href={pollPaths.list}>{t.homeTitle}</a>
      </h2>
      <p class="poll-question" safe>
        {questionOf(poll, lang)}
      </p>
      <p>
        <a class="button" href={pollPaths.poll(poll.id)}>
          {t.goVote}
        </a>
      </p>
      <p class="more">
        <a href={pollPaths.list}>{t.allPolls}</a>
      </p>
    </section>
  );
}
