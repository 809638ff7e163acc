// Polls over HTTP: the board's pages (/admin/polls, permission
// engagement.manage), the public list and poll (/binh-chon), the vote, and the
// running poll's block on the home page.
//
// Caching (ADR 22): a running poll's page is rendered for each visit and never
// cached — it carries a stamp signed for this browser and shows live results to
// those who voted; so a vote needs no cache invalidation. The list, a closed
// poll's page and the home block show nothing a vote changes (questions,
// periods, final results), so they stay in the render cache; opening, closing
// and edits are audited (the content version moves on), and the moment a
// poll's period begins or ends is caught by the job in jobs.ts.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../core/errors.ts';
import { deriveKey } from '../../platform/crypto.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.tsx';
import { redirectWithFlash } from '../../platform/http/flash.ts';
import { addProblems, FormReader } from '../../platform/http/form.ts';
import { actorOf, clientIp, cookieSecure, idParam } from '../../platform/http/request-info.ts';
import { writeCsv, writeXlsx, XLSX_MIME } from '../../platform/spreadsheet.ts';
import { emptyForm, type FormState } from '../../ui/components/form.tsx';
import { localDateTimeInput } from '../articles/form.ts';
import { pageContext, sendHtml } from '../backoffice/render.ts';
import { elsewhere, siteClosed } from '../public/closed-site.tsx';
import { registerHomeExtra } from '../public/home-extras.ts';
import { ItemMetadata } from '../public/metadata.tsx';
import { servePage } from '../public/serve-page.ts';
import { buildChrome, canonicalUrl } from '../public/site-view.ts';
import { SiteClosedError } from '../sites/site.ts';
import { PollAdminList, PollFormPage, PollResultsPage, resultRows } from './admin-pages.tsx';
import { AddressCap, BALLOT_COOKIE, ballotHash, ballotStamp, castBallot, hasVoted, isBallotId, newBallotId, screenBallot, VOTE_RATE_LIMIT } from './ballots.ts';
import { closePoll, createPoll, getPoll, listPolls, openPoll, publicPoll, publicPolls, updatePoll } from './manage-polls.ts';
import { pollAdminText, pollPublicText } from './messages.ts';
import { ballotChoices, MAX_OPTIONS, phaseOf, vietnamLocalInput, type PollInput } from './poll.ts';
import { HomePollBlock, PollListPage, PollPage, pollPaths, questionOf, type BallotForm } from './public-pages.tsx';
import type { PollRow } from './schema.ts';

const NOTICE_PARAM = 'da-binh-chon';
const NOTICES = { counted: '1', before: 'truoc' } as const;

export function registerPolls(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const clock = deps.clock;
  const key = deriveKey(deps.config.sessionSecret, 'poll-ballots');
  const addressCap = new AddressCap(deps.limits, deps.config.sessionSecret, clock);

  // ---- The board's pages ------------------------------------------------------------------------
  const manage = { access: { kind: 'permission' as const, permission: 'engagement.manage' as const } };

  app.get('/admin/polls', { config: manage }, async (request, reply) => {
    const now = clock.now();
    const polls = (await listPolls(db, request.site.id)).map((poll) => ({ poll, phase: phaseOf(poll, now) }));
    return sendHtml(reply, <PollAdminList ctx={await pageContext(deps, request, reply)} polls={polls} />);
  });

  const formPage = async (request: FastifyRequest, reply: FastifyReply, form: FormState, pollId: number | null, locked: boolean, status = 200) =>
    sendHtml(reply, <PollFormPage ctx={await pageContext(deps, request, reply)} form={form} pollId={pollId} locked={locked} />, status);

  function readPollForm(request: FastifyRequest): { form: FormReader; input: PollInput | null } {
    const t = pollAdminText(request.lang);
    const form = new FormReader(request.body, request.lang);
    const question = form.text('question', { label: t.question, required: true, max: 300 }) ?? '';
    const questionEn = form.text('questionEn', { label: t.questionEn, max: 300 });
    const description = form.text('description', { label: t.description, max: 2000 });
    const options = [];
    for (let n = 1; n <= MAX_OPTIONS; n++) {
      const label = form.text(`option${n}`, { label: `${t.option_h} ${n}`, max: 200 });
      const labelEn = form.text(`option${n}En`, { label: `${t.option_h} ${n}`, max: 200 });
      if (label || labelEn) options.push({ label: label ?? '', labelEn });
    }
    const multiple = form.checkbox('multiple');
    const maxChoices = form.integer('maxChoices', { label: t.maxChoices, minValue: 1, maxValue: MAX_OPTIONS }) ?? (multiple ? 0 : 1);
    const when = (name: 'opensAt' | 'closesAt', label: string) => {
      const value = localDateTimeInput(form.text(name, { label, required: true, max: 20 }));
      if (value === 'invalid') form.fail(name, `${label}: dd/mm/yyyy hh:mm`);
      return value === 'invalid' ? '' : (value ?? '');
    };
    const opensAt = when('opensAt', t.opensAt);
    const closesAt = when('closesAt', t.closesAt);
    const resultsBeforeClose = form.checkbox('resultsBeforeClose');
    const input: PollInput = { question, questionEn, description, options, multiple, maxChoices, opensAt, closesAt, resultsBeforeClose };
    return { form, input: form.ok ? input : null };
  }

  async function savePoll(request: FastifyRequest, reply: FastifyReply, pollId: number | null) {
    const t = pollAdminText(request.lang);
    const existing = pollId ? await getPoll(db, request.site.id, pollId) : null;
    if (pollId && !existing) return notFound(request, reply);
    const { form, input } = readPollForm(request);
    if (input) {
      try {
        if (pollId) await updatePoll(db, actorOf(request), pollId, input, clock);
        else await createPoll(db, actorOf(request), input, clock);
        return redirectWithFlash(reply, '/admin/polls', { kind: 'success', text: pollId ? t.saved : t.created });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        addProblems(form, error.problems, request.lang);
      }
    }
    return formPage(request, reply, form, pollId, (existing?.poll.ballots ?? 0) > 0, 400);
  }

  app.get('/admin/polls/new', { config: manage }, async (request, reply) => formPage(request, reply, emptyForm({ maxChoices: '1' }), null, false));
  app.post('/admin/polls', { config: manage }, async (request, reply) => savePoll(request, reply, null));

  app.get('/admin/polls/:id', { config: manage }, async (request, reply) => {
    const id = idParam((request.params as { id: string }).id);
    const found = id ? await getPoll(db, request.site.id, id) : null;
    if (!found) return notFound(request, reply);
    const { poll, options } = found;
    const values: Record<string, string> = {
      question: poll.question,
      questionEn: poll.question_en ?? '',
      description: poll.description ?? '',
      multiple: poll.multiple ? 'on' : '',
      maxChoices: String(poll.max_choices),
      opensAt: vietnamLocalInput(poll.opens_at),
      closesAt: vietnamLocalInput(poll.closes_at),
      resultsBeforeClose: poll.results_before_close ? 'on' : '',
    };
    options.forEach((o, i) => {
      values[`option${i + 1}`] = o.label;
      values[`option${i + 1}En`] = o.label_en ?? '';
    });
    return formPage(request, reply, emptyForm(values), poll.id, poll.ballots > 0);
  });
  app.post('/admin/polls/:id', { config: manage }, async (request, reply) => {
    const id = idParam((request.params as { id: string }).id);
    return id ? savePoll(request, reply, id) : notFound(request, reply);
  });

  for (const [action, run, done] of [
    ['open', openPoll, 'opened'],
    ['close', closePoll, 'closedDone'],
  ] as const) {
    app.post(`/admin/polls/:id/${action}`, { config: manage }, async (request, reply) => {
      const id = idParam((request.params as { id: string }).id);
      if (!id) return notFound(request, reply);
      try {
        await run(db, actorOf(request), id, clock);
        return redirectWithFlash(reply, '/admin/polls', { kind: 'success', text: pollAdminText(request.lang)[done] });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        if (error.status === 404) return notFound(request, reply);
        return redirectWithFlash(reply, '/admin/polls', { kind: 'error', text: error.messageIn(request.lang) });
      }
    });
  }

  app.get('/admin/polls/:id/results', { config: manage }, async (request, reply) => {
    const id = idParam((request.params as { id: string }).id);
    const found = id ? await getPoll(db, request.site.id, id) : null;
    if (!found) return notFound(request, reply);
    return sendHtml(reply, <PollResultsPage ctx={await pageContext(deps, request, reply)} poll={found.poll} options={found.options} phase={phaseOf(found.poll, clock.now())} />);
  });

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(`/admin/polls/:id/results.${format}`, { config: manage }, async (request, reply) => {
      const id = idParam((request.params as { id: string }).id);
      const found = id ? await getPoll(db, request.site.id, id) : null;
      if (!found) return notFound(request, reply);
      const { headers, rows } = resultRows(request.lang, found.poll, found.options);
      reply.header('content-disposition', `attachment; filename="binh-chon-${found.poll.id}.${format}"`);
      return format === 'csv' ? reply.type('text/csv; charset=utf-8').send(writeCsv(headers, rows)) : reply.type(XLSX_MIME).send(await writeXlsx(pollAdminText(request.lang).sheet, headers, rows));
    });
  }

  // ---- The public pages -------------------------------------------------------------------------
  const publicAccess = { access: { kind: 'public' as const } };

  app.get(pollPaths.list, { config: publicAccess }, async (request, reply) =>
    servePage(deps, request, reply, async () => {
      const now = clock.now();
      const polls = await publicPolls(db, request.site.id, now);
      const running = polls.filter((p) => phaseOf(p, now) === 'running');
      const closed = [];
      for (const p of polls.filter((p) => phaseOf(p, now) === 'closed').slice(0, 30)) closed.push((await getPoll(db, request.site.id, p.id))!);
      const chrome = await buildChrome(deps, request, { lang: 'vi' });
      const t = pollPublicText('vi');
      const canonical = canonicalUrl(request, pollPaths.list);
      const head = <ItemMetadata title={t.title} description={t.lead} creator={chrome.agencyName} publisher={chrome.agencyName} date={now.toISOString().slice(0, 10)} language="vi" identifier={canonical} siteName={chrome.siteName} type="website" />;
      return (await (<PollListPage chrome={chrome} canonical={canonical} running={running} closed={closed} head={head} />)) as string;
    }),
  );

  /** This browser's ballot id from its signed cookie, or null. */
  const ballotIdOf = (request: FastifyRequest): string | null => {
    const raw = request.cookies[BALLOT_COOKIE];
    if (!raw) return null;
    const unsigned = request.unsignCookie(raw);
    return unsigned.valid && unsigned.value && isBallotId(unsigned.value) ? unsigned.value : null;
  };

  async function renderPoll(request: FastifyRequest, poll: PollRow, options: Awaited<ReturnType<typeof getPoll>> & object, view: { form: BallotForm | null; notice: 'thanks' | 'already' | null; voted: boolean }): Promise<string> {
    const now = clock.now();
    const chrome = await buildChrome(deps, request, { lang: 'vi' });
    const canonical = canonicalUrl(request, pollPaths.poll(poll.id));
    const question = questionOf(poll, 'vi');
    const head = <ItemMetadata title={question} description={poll.description ?? question} creator={chrome.agencyName} publisher={chrome.agencyName} date={poll.opens_at.slice(0, 10)} language="vi" identifier={canonical} siteName={chrome.siteName} />;
    const closedSite = siteClosed(request) ? { to: await elsewhere(deps, request, 'vi', () => pollPaths.list) } : null;
    return (await (
      <PollPage chrome={chrome} canonical={canonical} poll={poll} options={options.options} phase={phaseOf(poll, now)} form={closedSite ? null : view.form} notice={view.notice} voted={view.voted} siteClosed={closedSite} head={head} />
    )) as string;
  }

  const sendFresh = (reply: FastifyReply, html: string, status = 200) => reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);

  /** A running poll's page for this browser: the form (with a stamp for its ballot id) until it has voted, then the notice and, when allowed, the results. */
  async function runningPage(request: FastifyRequest, reply: FastifyReply, found: NonNullable<Awaited<ReturnType<typeof getPoll>>>, opts: { error?: string | null; chosen?: string[]; status?: number } = {}) {
    let ballotId = ballotIdOf(request);
    if (!ballotId) {
      ballotId = newBallotId();
      reply.setCookie(BALLOT_COOKIE, ballotId, { path: '/', httpOnly: true, sameSite: 'lax', signed: true, maxAge: 365 * 86_400, secure: cookieSecure(request) });
    }
    const voted = await hasVoted(db, request.site.id, found.poll.id, ballotHash(key, found.poll.id, ballotId));
    const param = (request.query as Record<string, string | undefined>)[NOTICE_PARAM];
    const notice = voted ? (param === NOTICES.counted ? 'thanks' : 'already') : null;
    const form = voted ? null : { stamp: ballotStamp(key, found.poll.id, ballotId, clock.now()), error: opts.error ?? null, chosen: opts.chosen ?? [] };
    return sendFresh(reply, await renderPoll(request, found.poll, found, { form, notice, voted }), opts.status ?? 200);
  }

  app.get('/binh-chon/:id', { config: publicAccess }, async (request, reply) => {
    const id = idParam((request.params as { id: string }).id);
    const found = id ? await publicPoll(db, request.site.id, id, clock.now()) : null;
    if (!found) return notFound(request, reply);
    if (phaseOf(found.poll, clock.now()) === 'running' && !siteClosed(request)) return runningPage(request, reply, found);
    // Over (or on a closed site): nothing a vote can change, so the render cache keeps it.
    return servePage(deps, request, reply, async () => {
      const again = await publicPoll(db, request.site.id, found.poll.id, clock.now());
      return again ? renderPoll(request, again.poll, again, { form: null, notice: null, voted: false }) : null;
    });
  });

  app.post('/binh-chon/:id', { config: { ...publicAccess, csrf: 'origin', rateLimit: VOTE_RATE_LIMIT } }, async (request, reply) => {
    const t = pollPublicText('vi');
    const id = idParam((request.params as { id: string }).id);
    const found = id ? await publicPoll(db, request.site.id, id, clock.now()) : null;
    if (!found) return notFound(request, reply);
    const poll = found.poll;
    const closedPage = async (status: number) => sendFresh(reply, await renderPoll(request, poll, found, { form: null, notice: null, voted: false }), status);
    if (siteClosed(request)) return closedPage(410);
    if (phaseOf(poll, clock.now()) !== 'running') return closedPage(409);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const raw = body.option;
    const chosen = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((v): v is string => typeof v === 'string');
    const ballotId = ballotIdOf(request);
    if (!ballotId) return runningPage(request, reply, found, { error: t.needCookie, chosen, status: 400 });
    const hash = ballotHash(key, poll.id, ballotId);
    // This browser's ballot is counted already: said so, whatever the form carried.
    if (await hasVoted(db, request.site.id, poll.id, hash)) return reply.redirect(`${pollPaths.poll(poll.id)}?${NOTICE_PARAM}=${NOTICES.before}`, 303);
    const screening = screenBallot(key, poll.id, ballotId, body, clock.now());
    if (screening === 'robot') {
      // A robot: answered as if thanked, nothing counted.
      request.log.info({ form: 'poll_ballot' }, 'ballot refused as automated');
      return reply.redirect(`${pollPaths.poll(poll.id)}?${NOTICE_PARAM}=${NOTICES.counted}`, 303);
    }
    if (screening === 'too_fast') return runningPage(request, reply, found, { error: t.tooFast, chosen, status: 400 });
    const choice = ballotChoices(poll, found.options.map((o) => o.id), chosen);
    if (!choice.ok) return runningPage(request, reply, found, { error: choice.vi, chosen, status: 400 });
    const address = clientIp(request) ?? '';
    if (!(await addressCap.take(poll.id, address))) return runningPage(request, reply, found, { error: t.capReached, chosen, status: 429 });
    let outcome;
    try {
      outcome = await castBallot(db, request.site.id, poll.id, hash, choice.ids, clock);
    } catch (error) {
      if (error instanceof SiteClosedError) return closedPage(410);
      throw error;
    }
    if (outcome === 'closed') return closedPage(409);
    if (outcome === 'changed') {
      // The board changed the options since this form was read: shown again as they are now.
      const fresh = await publicPoll(db, request.site.id, poll.id, clock.now());
      return fresh ? runningPage(request, reply, fresh, { error: t.optionsChanged, status: 409 }) : closedPage(409);
    }
    return reply.redirect(`${pollPaths.poll(poll.id)}?${NOTICE_PARAM}=${outcome === 'counted' ? NOTICES.counted : NOTICES.before}`, 303);
  });

  // ---- The home page: the newest running poll ------------------------------------------------------
  registerHomeExtra(deps, {
    key: 'polls',
    slot: 'side-top',
    order: 10,
    render: async ({ request, lang }) => {
      const now = clock.now();
      const running = (await publicPolls(db, request.site.id, now)).find((p) => phaseOf(p, now) === 'running');
      return running ? ((await (<HomePollBlock lang={lang} poll={running} />)) as string) : null;
    },
  });
}
