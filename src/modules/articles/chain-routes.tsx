// The site administrator edits the review chain: its steps, who acts at each,
// deadlines, four eyes. A chain that cannot complete (a step nobody on the
// site can act on) is refused with the reason. Each version is dated, so items
// submitted before keep the chain they started with.
import { escapeHtml } from '@kitajs/html';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type Problem } from '../../core/errors.ts';
import { DEADLINE_UNITS } from '../../core/rule-catalogue.ts';
import { ROLE_PERMISSIONS, ROLES, type Role } from '../../core/permissions.ts';
import { formatDate, vietnamDate } from '../../core/time.ts';
import { checkChainCompletable, MAX_CHAIN_STEPS, parseChain, STEP_KINDS, type ReviewChain } from '../../core/workflow/index.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { redirectWithFlash } from '../../platform/http/flash.ts';
import { addProblems, FormReader, type FormValues } from '../../platform/http/form.ts';
import { actorOf } from '../../platform/http/request-info.ts';
import { defineMessages, format } from '../../ui/i18n.ts';
import { AdminLayout } from '../../ui/layout.tsx';
import { common } from '../../ui/messages.ts';
import { Checkbox, CsrfField, ErrorSummary, SelectField, TextField, emptyForm, type FormState } from '../../ui/components/form.tsx';
import { pageContext, sendHtml } from '../backoffice/render.ts';
import { countActiveHolders } from '../members/store.ts';
import { addRuleVersion, listRules } from '../rules/store.ts';
import { roleLabel } from '../sites/site.ts';
import { CHAIN_FORS, chainInForce, chainRuleOf, type ChainFor } from './workflow-context.ts';
import { allSectionKinds, sectionKind } from '../../core/entries/index.ts';

/** Which chain the page edits: ?for=document, ?for=answer, or the articles' chain. */
function chainForOf(request: FastifyRequest): ChainFor {
  const q = request.query as Record<string, string | undefined>;
  const body = (request.body ?? {}) as Record<string, unknown>;
  const wanted = q.for ?? body.for;
  return CHAIN_FORS.find((f) => f === wanted) ?? 'article';
}

/** The page's own address for a chain. */
function pathOf(chainFor: ChainFor): string {
  return chainFor === 'article' ? '/admin/workflow' : `/admin/workflow?for=${chainFor}`;
}

const text = defineMessages({
  vi: {
    title: 'Quy trình duyệt tin bài',
    lead: 'Các bước một tin bài đi qua trước khi xuất bản, ai xử lý mỗi bước và thời hạn. Sau bước cuối, người có quyền xuất bản đăng bài. Mỗi lần sửa là một phiên bản có ngày hiệu lực; tin bài đang duyệt giữ quy trình lúc được gửi.',
    current: 'Quy trình đang áp dụng',
    defaultChain: 'Trang chưa đặt quy trình riêng: đang dùng quy trình mặc định.',
    titleDocument: 'Quy trình duyệt văn bản',
    leadDocument: 'Các bước một văn bản (quy phạm pháp luật, chỉ đạo điều hành) đi qua trước khi đăng. Khi trang chưa đặt quy trình riêng cho văn bản, văn bản theo quy trình tin bài.',
    followsArticles: 'Văn bản đang theo quy trình duyệt tin bài (trang chưa đặt quy trình riêng cho văn bản).',
    forArticles: 'Quy trình tin bài',
    forDocuments: 'Quy trình văn bản',
    titleEntry: 'Quy trình duyệt: {kind}',
    leadEntry: 'Các bước một mục của chuyên mục «{kind}» đi qua trước khi đăng. Khi trang chưa đặt quy trình riêng cho chuyên mục này, mục theo quy trình tin bài.',
    followsArticlesEntry: 'Chuyên mục «{kind}» đang theo quy trình duyệt tin bài (trang chưa đặt quy trình riêng cho chuyên mục này).',
    titleAnswer: 'Quy trình duyệt câu trả lời ý kiến người dân',
    leadAnswer: 'Các bước câu trả lời của đơn vị đi qua trước khi gửi cho người dân và công khai. Bước «Lãnh đạo đơn vị» thuộc lãnh đạo đơn vị được giao xử lý ý kiến. Khi trang chưa đặt quy trình riêng, câu trả lời do lãnh đạo đơn vị kiểm tra và {head} duyệt.',
    forAnswers: 'Quy trình trả lời ý kiến',
    sendStep: 'Gửi trả lời, công khai: {board}',
    chains: 'Quy trình',
    since: 'Áp dụng từ {date}',
    step: 'Bước {n}',
    stepName: 'Tên bước',
    stepNameEn: 'Tên bước (tiếng Anh)',
    actor: 'Người xử lý',
    unitHead: 'Lãnh đạo đơn vị cung cấp tin',
    anyUnitHead: '{role} (bất kỳ đơn vị nào)',
    fallback: 'Người xử lý thay',
    fallbackHint: 'Khi không ai xử lý được bước này (đơn vị chưa có lãnh đạo, chưa ai giữ vai trò, hoặc người duy nhất là tác giả), bài chuyển cho vai trò này và {secretariat} được báo. Để trống: bài như vậy bị từ chối khi gửi duyệt, kèm lý do.',
    noFallback: '(không có: từ chối khi gửi duyệt)',
    standIn: 'xử lý thay: {role}',
    kind: 'Tính chất',
    kind_edit: 'Biên tập',
    kind_verify: 'Xác thực',
    kind_approve: 'Duyệt',
    deadline: 'Thời hạn',
    amount: 'Số lượng',
    unit: 'Đơn vị',
    working_hours: 'giờ làm việc',
    working_days: 'ngày làm việc',
    calendar_days: 'ngày',
    noDeadline: '(không đặt hạn)',
    deadlineFrom: 'Thời hạn tính từ',
    fromEntry: 'khi tin, bài đến bước này',
    fromReceipt: 'khi Ban biên tập nhận tin, bài (ngày văn bản đến hoặc nhận e-mail); áp dụng quy định «Hạn Ban biên tập duyệt sau khi nhận» nếu có',
    fromReceiptShort: 'tính từ khi Ban biên tập nhận',
    emptyStepHint: 'Để trống tên bước để bỏ bước đó.',
    fourEyes: 'Nguyên tắc “bốn mắt”: không ai tự duyệt hoặc tự xuất bản tin bài của chính mình',
    publishDeadline: 'Thời hạn xuất bản sau khi duyệt xong',
    effectiveFrom: 'Áp dụng từ ngày',
    citation: 'Căn cứ',
    citationHint: 'Ví dụ: Quy chế ban hành kèm Quyết định 541/QĐ-UBND, Điều 15.',
    reason: 'Lý do (bắt buộc khi hiệu lực từ một ngày đã qua)',
    reasonHint: 'Quy trình có hiệu lực từ một ngày trước hôm nay thay đổi cách tính thời hạn những việc đã qua; hãy ghi vì sao phải áp dụng hồi tố. Lý do được lưu vào nhật ký và hiện trong lịch sử.',
    save: 'Lưu quy trình mới',
    saved: 'Đã lưu quy trình duyệt (phiên bản mới).',
    history: 'Các phiên bản trước',
    steps: 'Các bước',
    publishStep: 'Xuất bản: người có quyền xuất bản',
  },
  en: {
    title: 'Review chain for articles',
    lead: 'The steps an article goes through before publication, who acts at each and the deadlines. After the last step, someone with the publishing right publishes it. Each change is a dated version; articles in review keep the chain they were submitted under.',
    current: 'Chain in force',
    defaultChain: 'This site has no chain of its own: the default chain applies.',
    titleDocument: 'Review chain for documents',
    leadDocument: 'The steps a document (legal or guiding) goes through before publication. Until the site sets a chain for documents, they follow the articles’ chain.',
    followsArticles: 'Documents follow the articles’ chain (the site has not set one for documents).',
    forArticles: 'Articles’ chain',
    forDocuments: 'Documents’ chain',
    titleEntry: 'Review chain: {kind}',
    leadEntry: 'The steps an entry of the section “{kind}” goes through before publication. Until the site sets a chain for this section, its entries follow the articles’ chain.',
    followsArticlesEntry: 'The section “{kind}” follows the articles’ chain (the site has not set one for it).',
    titleAnswer: 'Review chain for answers to citizens',
    leadAnswer: 'The steps a unit’s answer goes through before it is sent to the citizen and published. A “unit head” step falls to the head of the unit the case is assigned to. Until the site sets a chain, the unit head checks the answer and the {head} approves it.',
    forAnswers: 'Answers’ chain',
    sendStep: 'Sending and publication: {board}',
    chains: 'Chains',
    since: 'In force since {date}',
    step: 'Step {n}',
    stepName: 'Step name',
    stepNameEn: 'Step name (English)',
    actor: 'Who acts',
    unitHead: 'Head of the providing unit',
    anyUnitHead: '{role} (any unit)',
    fallback: 'Stand-in',
    fallbackHint: 'When nobody can take this step (the unit has no head, nobody holds the role, or the only holder wrote the item), the item goes to this role and the {secretariat} is told. Empty: such an item is refused at submission, with the reason.',
    noFallback: '(none: refused at submission)',
    standIn: 'stand-in: {role}',
    kind: 'Nature',
    kind_edit: 'Edit',
    kind_verify: 'Verify',
    kind_approve: 'Approve',
    deadline: 'Deadline',
    amount: 'Amount',
    unit: 'Unit',
    working_hours: 'working hours',
    working_days: 'working days',
    calendar_days: 'days',
    noDeadline: '(no deadline)',
    deadlineFrom: 'Deadline counts from',
    fromEntry: 'when the item reaches this step',
    fromReceipt: 'when the board received the item (arrival or e-mail); the rule “Board approval due after receipt” applies when set',
    fromReceiptShort: 'counted from the board\'s receipt',
    emptyStepHint: 'Leave a step name empty to drop that step.',
    fourEyes: '“Four eyes”: nobody approves or publishes their own article',
    publishDeadline: 'Time to publish after approval',
    effectiveFrom: 'In force from',
    citation: 'Basis',
    citationHint: 'E.g. Regulation attached to Decision 541/QĐ-UBND, Art. 15.',
    reason: 'Reason (required when it starts on a past date)',
    reasonHint: 'A chain starting before today changes how past deadlines are judged; say why it must apply retroactively. The reason is audited and shown in the history.',
    save: 'Save the new chain',
    saved: 'Review chain saved (new version).',
    history: 'Earlier versions',
    steps: 'Steps',
    publishStep: 'Publication: someone with the publishing right',
  },
});

const REVIEW_ROLES = ROLES.filter((r) => ROLE_PERMISSIONS[r].includes('content.review'));
/** The form's value for "the head of the item's own unit"; the role value 'unit_head' means any unit head. */
const PROVIDING_UNIT_HEAD = 'providing_unit_head';

function valuesOf(chain: ReviewChain, today: string): FormValues {
  const values: FormValues = { fourEyes: chain.fourEyes ? 'on' : '', effectiveFrom: today, publishAmount: chain.publishDeadline ? String(chain.publishDeadline.amount) : '', publishUnit: chain.publishDeadline?.unit ?? 'working_hours' };
  for (let i = 0; i < MAX_CHAIN_STEPS; i += 1) {
    const s = chain.steps[i];
    values[`name${i}`] = s?.name ?? '';
    values[`nameEn${i}`] = s?.nameEn ?? '';
    values[`actor${i}`] = s ? (s.actor.kind === 'unit_head' ? PROVIDING_UNIT_HEAD : s.actor.role) : 'secretariat';
    values[`fallback${i}`] = s?.fallback ?? '';
    values[`kind${i}`] = s?.kind ?? 'approve';
    values[`amount${i}`] = s?.deadline ? String(s.deadline.amount) : '';
    values[`unit${i}`] = s?.deadline?.unit ?? 'working_hours';
    values[`from${i}`] = s?.deadlineFrom ?? 'entry';
  }
  return values;
}

export function registerChainRoutes(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const access = { access: { kind: 'permission' as const, permission: 'rules.manage' as const } };

  async function page(request: FastifyRequest, reply: FastifyReply, form: FormState | null, status = 200) {
    const t = text(request.lang);
    const today = vietnamDate(deps.clock.now());
    const chainFor = chainForOf(request);
    const { chain, ruleId, own } = await chainInForce(db, request.site.id, today, chainFor);
    const versions = (await listRules(db, request.site.id)).filter((r) => r.key === chainRuleOf(chainFor) && r.siteId === request.site.id);
    // A declared section's own chain (entry:<kind>) is named after the section.
    const entryKind = chainFor.startsWith('entry:') ? sectionKind(chainFor.slice('entry:'.length)) : undefined;
    const kindName = entryKind ? (request.lang === 'en' ? entryKind.plural.en : entryKind.plural.vi) : '';
    const title = entryKind ? format(t.titleEntry, { kind: kindName }) : chainFor === 'document' ? t.titleDocument : chainFor === 'answer' ? t.titleAnswer : t.title;
    const inForce = versions.find((v) => v.id === ruleId);
    const label = (r: Role) => roleLabel(request.site, r, request.lang);
    const actorOptions = [...REVIEW_ROLES.map((r) => ({ value: r, label: r === 'unit_head' ? t.anyUnitHead.replace('{role}', label(r)) : label(r) })), { value: PROVIDING_UNIT_HEAD, label: t.unitHead }];
    const fallbackOptions = [{ value: '', label: t.noFallback }, ...REVIEW_ROLES.map((r) => ({ value: r, label: label(r) }))];
    const state = form ?? emptyForm(valuesOf(chain, today));
    const ctx = await pageContext(deps, request, reply);
    return sendHtml(
      reply,
      <AdminLayout ctx={ctx} title={title}>
        <nav aria-label={t.chains}>
          <p class="actions-row">
            <a href="/admin/workflow" aria-current={chainFor === 'article' ? 'page' : undefined}>
              {t.forArticles}
            </a>
            <a href="/admin/workflow?for=document" aria-current={chainFor === 'document' ? 'page' : undefined}>
              {t.forDocuments}
            </a>
            <a href="/admin/workflow?for=answer" aria-current={chainFor === 'answer' ? 'page' : undefined}>
              {t.forAnswers}
            </a>
            {allSectionKinds().map((k) => (
              <a href={`/admin/workflow?for=entry:${k.key}`} aria-current={chainFor === `entry:${k.key}` ? 'page' : undefined} safe>
                {format(t.titleEntry, { kind: request.lang === 'en' ? k.plural.en : k.plural.vi })}
              </a>
            ))}
          </p>
        </nav>
        <h1 safe>{title}</h1>
        <p class="lead" safe>
          {entryKind ? format(t.leadEntry, { kind: kindName }) : chainFor === 'document' ? t.leadDocument : chainFor === 'answer' ? format(t.leadAnswer, { head: label('editor_in_chief') }) : t.lead}
        </p>
        <h2>{t.current}</h2>
        {chainFor === 'document' && !own ? <p>{t.followsArticles}</p> : ''}
        {entryKind && !own ? <p safe>{format(t.followsArticlesEntry, { kind: kindName })}</p> : ''}
        {inForce ? <p safe>{`${t.since.replace('{date}', formatDate(inForce.effectiveFrom))}${inForce.citation ? ` — ${inForce.citation}` : ''}`}</p> : <p>{t.defaultChain}</p>}
        <ol class="steps">
          {chain.steps.map((s) => (
            <li>
              <strong safe>{request.lang === 'en' ? s.nameEn : s.name}</strong> — <span safe>{s.actor.kind === 'unit_head' ? t.unitHead : s.actor.role === 'unit_head' ? t.anyUnitHead.replace('{role}', label(s.actor.role)) : label(s.actor.role)}</span>
              {s.deadline ? <span class="muted" safe>{` · ${s.deadline.amount} ${t[s.deadline.unit]}`}</span> : ''}
              {s.deadlineFrom === 'receipt' ? <span class="muted" safe>{` · ${t.fromReceiptShort}`}</span> : ''}
              {s.fallback ? <span class="muted" safe>{` · ${t.standIn.replace('{role}', label(s.fallback))}`}</span> : ''}
            </li>
          ))}
          <li>{escapeHtml(chainFor === 'answer' ? format(t.sendStep, { board: roleLabel(request.site, 'board', request.lang) }) : t.publishStep)}</li>
        </ol>
        <ErrorSummary form={state} title={common(request.lang).formErrors} />
        <form method="post" action={pathOf(chainFor)} novalidate>
          <CsrfField token={ctx.csrfToken} />
          <input type="hidden" name="for" value={chainFor} />
          <p class="hint">{t.emptyStepHint}</p>
          {Array.from({ length: MAX_CHAIN_STEPS }, (_, i) => (
            <fieldset class="step-fieldset">
              <legend safe>{t.step.replace('{n}', String(i + 1))}</legend>
              <TextField name={`name${i}`} label={t.stepName} form={state} maxlength={120} />
              <TextField name={`nameEn${i}`} label={t.stepNameEn} form={state} maxlength={120} />
              <SelectField name={`actor${i}`} label={t.actor} form={state} options={actorOptions} />
              <SelectField name={`fallback${i}`} label={t.fallback} hint={format(t.fallbackHint, { secretariat: label('secretariat') })} form={state} options={fallbackOptions} />
              <SelectField name={`kind${i}`} label={t.kind} form={state} options={STEP_KINDS.map((k) => ({ value: k, label: t[`kind_${k}`] }))} />
              <TextField name={`amount${i}`} type="number" label={`${t.deadline} — ${t.amount}`} hint={t.noDeadline} form={state} inputmode="numeric" />
              <SelectField name={`unit${i}`} label={`${t.deadline} — ${t.unit}`} form={state} options={DEADLINE_UNITS.map((u) => ({ value: u, label: t[u] }))} />
              <SelectField name={`from${i}`} label={t.deadlineFrom} form={state} options={[{ value: 'entry', label: t.fromEntry }, { value: 'receipt', label: t.fromReceipt }]} />
            </fieldset>
          ))}
          <Checkbox name="fourEyes" label={t.fourEyes} form={state} />
          <TextField name="publishAmount" type="number" label={`${t.publishDeadline} — ${t.amount}`} hint={t.noDeadline} form={state} inputmode="numeric" />
          <SelectField name="publishUnit" label={`${t.publishDeadline} — ${t.unit}`} form={state} options={DEADLINE_UNITS.map((u) => ({ value: u, label: t[u] }))} />
          <TextField name="effectiveFrom" type="date" label={t.effectiveFrom} form={state} required />
          <TextField name="citation" label={t.citation} hint={t.citationHint} form={state} maxlength={300} />
          <TextField name="reason" label={t.reason} hint={t.reasonHint} form={state} maxlength={1000} />
          <button type="submit">{t.save}</button>
        </form>
        {versions.length > 0 ? (
          <>
            <h2>{t.history}</h2>
            <ul>
              {versions.map((v) => (
                <li safe>{`${formatDate(v.effectiveFrom)}${v.effectiveTo ? ` – ${formatDate(v.effectiveTo)}` : ''}: ${(parseChain(v.value) as { chain?: ReviewChain }).chain?.steps.map((s) => s.name).join(' → ') ?? ''}${v.citation ? ` (${v.citation})` : ''}${v.note ? ` — ${v.note}` : ''}`}</li>
              ))}
            </ul>
          </>
        ) : (
          ''
        )}
      </AdminLayout>,
      status,
    );
  }

  app.get('/admin/workflow', { config: access }, async (request, reply) => page(request, reply, null));

  app.post('/admin/workflow', { config: access }, async (request, reply) => {
    const t = text(request.lang);
    const form = new FormReader(request.body, request.lang);
    const steps = [];
    for (let i = 0; i < MAX_CHAIN_STEPS; i += 1) {
      const name = form.text(`name${i}`, { label: t.stepName, max: 120 });
      const nameEn = form.text(`nameEn${i}`, { label: t.stepNameEn, max: 120 });
      const actor = form.choice(`actor${i}`, [...REVIEW_ROLES, PROVIDING_UNIT_HEAD] as const, { label: t.actor });
      const fallback = form.choice(`fallback${i}`, REVIEW_ROLES, { label: t.fallback });
      const kind = form.choice(`kind${i}`, STEP_KINDS, { label: t.kind });
      const amount = form.integer(`amount${i}`, { label: t.amount, minValue: 0, maxValue: 1000 });
      const unit = form.choice(`unit${i}`, DEADLINE_UNITS, { label: t.unit });
      const from = form.choice(`from${i}`, ['entry', 'receipt'] as const, { label: t.deadlineFrom });
      if (!name) continue;
      steps.push({
        key: `step_${i + 1}`,
        name,
        nameEn: nameEn ?? name,
        actor: actor === PROVIDING_UNIT_HEAD ? { kind: 'unit_head' } : { kind: 'role', role: actor ?? 'secretariat' },
        kind: kind ?? 'approve',
        deadline: amount !== null && unit ? { amount, unit } : null,
        ...(from === 'receipt' ? { deadlineFrom: 'receipt' } : {}),
        fallback,
      });
    }
    const publishAmount = form.integer('publishAmount', { label: t.publishDeadline, minValue: 0, maxValue: 1000 });
    const publishUnit = form.choice('publishUnit', DEADLINE_UNITS, { label: t.publishDeadline });
    const effectiveFrom = form.date('effectiveFrom', { label: t.effectiveFrom, required: true });
    const citation = form.text('citation', { label: t.citation, max: 300 });
    const reason = form.text('reason', { label: t.reason, max: 1000 });
    const value = { steps, fourEyes: form.checkbox('fourEyes'), publishDeadline: publishAmount !== null && publishUnit ? { amount: publishAmount, unit: publishUnit } : null };
    if (form.ok && effectiveFrom) {
      const parsed = parseChain(value);
      const problems: Problem[] = 'problems' in parsed ? parsed.problems : [];
      if ('chain' in parsed) {
        // Who could act at each step today: a chain nobody can complete is refused.
        const role = Object.fromEntries(await Promise.all(ROLES.map(async (r) => [r, await countActiveHolders(db, request.site.id, r)] as const))) as Record<Role, number>;
        // Answers are sent by the board (interaction.moderate), articles and documents published by publishers.
        const sender = chainForOf(request) === 'answer' ? 'interaction.moderate' : 'content.publish';
        const publishers = ROLES.filter((r) => ROLE_PERMISSIONS[r].includes(sender)).reduce((sum, r) => sum + role[r], 0);
        problems.push(...checkChainCompletable(parsed.chain, { role, unitHeads: role.unit_head, publishers }, (r, lang) => roleLabel(request.site, r, lang)));
      }
      if (problems.length > 0) {
        addProblems(form, problems, request.lang);
      } else {
        try {
          const chainFor = chainForOf(request);
          await addRuleVersion(db, actorOf(request), { siteId: request.site.id, key: chainRuleOf(chainFor), value, effectiveFrom, citation, reason }, deps.clock);
          return redirectWithFlash(reply, pathOf(chainFor), { kind: 'success', text: t.saved });
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          addProblems(form, error.problems, request.lang);
        }
      }
    }
    return page(request, reply, form, 400);
  });
}

