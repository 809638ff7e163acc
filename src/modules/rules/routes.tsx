// Dated rules of a site (deadlines, quotas, money) with their history, and the
import { escapeHtml } from '@kitajs/html';
// form to add a version that starts on a given date.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../core/errors.ts';
import { DEADLINE_UNITS, ruleDefinition, RULES as ALL_RULES, type DeadlineValue, type QuotaValue } from '../../core/rule-catalogue.ts';
import { inForceOn, type DatedRule } from '../../core/rules.ts';
import { parseEscalation } from '../../core/workflow/timeliness.ts';
import { formatDate, vietnamDate } from '../../core/time.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { redirectWithFlash } from '../../platform/http/flash.ts';
import { addProblems, FormReader } from '../../platform/http/form.ts';
import { actorOf } from '../../platform/http/request-info.ts';
import { defineMessages, type Lang } from '../../ui/i18n.ts';
import { AdminLayout } from '../../ui/layout.tsx';
import { common } from '../../ui/messages.ts';
import { CsrfField, ErrorSummary, SelectField, TextArea, TextField, type FormState } from '../../ui/components/form.tsx';
import { emptyForm } from '../../ui/components/form.tsx';
import { pageContext, sendHtml } from '../backoffice/render.ts';
import { addRuleVersion, listRules } from './store.ts';

// Review chains have their own page (/admin/workflow), the royalty policy its own (/admin/royalties/policy);
// this page edits values typed as numbers.
const RULES = ALL_RULES.filter((r) => r.kind !== 'chain' && !r.editedAt);

const text = defineMessages({
  vi: {
    title: 'Quy định theo thời gian',
    lead: 'Thời hạn, chỉ tiêu và mức tiền thay đổi theo văn bản; mỗi phiên bản có ngày hiệu lực, và sự việc trong quá khứ được tính theo phiên bản có hiệu lực lúc đó.',
    rule: 'Quy định',
    nationalOnly: 'Mức này do Nhà nước quy định chung: chỉ quản trị cài đặt (Trung tâm CNTT) nhập phiên bản toàn quốc, trang không đặt riêng.',
    value: 'Giá trị',
    from: 'Hiệu lực từ',
    to: 'Đến hết',
    citation: 'Căn cứ',
    scope: 'Phạm vi',
    site: 'Riêng trang này',
    national: 'Toàn quốc (mặc định)',
    inForce: 'đang áp dụng',
    none: 'Chưa có phiên bản nào.',
    addTitle: 'Thêm phiên bản mới',
    addLead: 'Điền các ô ứng với loại quy định: thời hạn (số và đơn vị), chỉ tiêu (số và chu kỳ), số tiền, hoặc giá trị JSON.',
    amount: 'Số lượng (thời hạn)',
    unit: 'Đơn vị thời hạn',
    min: 'Số tối thiểu (chỉ tiêu)',
    per: 'Chu kỳ chỉ tiêu',
    money: 'Số tiền (đồng)',
    json: 'Giá trị JSON (chỉ tiêu theo loại tin, ngày hạn số liệu hằng tháng, các cấp báo cáo khi quá hạn)',
    jsonHint: 'Ví dụ: {"min": 1, "per": "month", "kind": "document"}; {"day": 30}; các cấp báo khi bước duyệt quá hạn: [{"after":{"amount":4,"unit":"working_hours"},"to":"editor_in_chief"},{"after":{"amount":2,"unit":"working_days"},"to":"owner"}]',
    jsonInvalid: 'Giá trị JSON không đọc được: không đúng cú pháp; hãy kiểm tra dấu ngoặc, dấu phẩy và dấu nháy kép.',
    citationHint: 'Ví dụ: Quy chế ban hành kèm Quyết định 166/QĐ-SXD, Điều 9.',
    reason: 'Lý do (bắt buộc khi hiệu lực từ một ngày đã qua)',
    reasonHint: 'Phiên bản có hiệu lực từ một ngày trước hôm nay sẽ thay đổi cách tính những việc đã qua; hãy ghi vì sao phải áp dụng hồi tố. Lý do được lưu vào nhật ký và hiện trong lịch sử.',
    reasonColumn: 'Lý do, ghi chú',
    add: 'Thêm phiên bản',
    added: 'Đã thêm phiên bản mới.',
    working_hours: 'giờ làm việc',
    working_days: 'ngày làm việc',
    calendar_days: 'ngày',
    week: 'tuần',
    month: 'tháng',
    year: 'năm',
    perText: '{min} mỗi {per}',
  },
  en: {
    title: 'Dated rules',
    lead: 'Deadlines, quotas and amounts change with the law; each version has its dates, and past events are judged by the version in force at the time.',
    rule: 'Rule',
    nationalOnly: 'This is a national value: only the installation administrator adds a national version; a site does not set its own.',
    value: 'Value',
    from: 'In force from',
    to: 'Until',
    citation: 'Basis',
    scope: 'Scope',
    site: 'This site only',
    national: 'National (default)',
    inForce: 'in force',
    none: 'No version yet.',
    addTitle: 'Add a version',
    addLead: 'Fill the fields that match the rule: a deadline (amount and unit), a quota (minimum and period), an amount of money, or a JSON value.',
    amount: 'Amount (deadline)',
    unit: 'Deadline unit',
    min: 'Minimum (quota)',
    per: 'Quota period',
    money: 'Amount (VND)',
    json: 'JSON value (quota per kind, monthly data day, escalation levels)',
    jsonHint: 'For example {"min": 1, "per": "month", "kind": "document"}; {"day": 30}; escalation of a late review step: [{"after":{"amount":4,"unit":"working_hours"},"to":"editor_in_chief"},{"after":{"amount":2,"unit":"working_days"},"to":"owner"}]',
    jsonInvalid: 'The JSON value cannot be read: check brackets, commas and double quotes.',
    citationHint: 'E.g. Regulation attached to Decision 166/QĐ-SXD, Art. 9.',
    reason: 'Reason (required when it starts on a past date)',
    reasonHint: 'A version starting before today changes how past events are judged; say why it must apply retroactively. The reason is audited and shown in the history.',
    reasonColumn: 'Reason, note',
    add: 'Add version',
    added: 'Version added.',
    working_hours: 'working hours',
    working_days: 'working days',
    calendar_days: 'days',
    week: 'week',
    month: 'month',
    year: 'year',
    perText: '{min} per {per}',
  },
});

function describeValue(rule: DatedRule, lang: Lang): string {
  const t = text(lang);
  const def = ruleDefinition(rule.key);
  if (def?.kind === 'deadline') {
    const v = rule.value as DeadlineValue;
    return `${v.amount} ${t[v.unit]}`;
  }
  if (def?.kind === 'quota') {
    const v = rule.value as QuotaValue;
    return t.perText.replace('{min}', String(v.min)).replace('{per}', t[v.per]);
  }
  if (def?.kind === 'money') return `${new Intl.NumberFormat('vi-VN').format(rule.value as number)} đ`;
  if (rule.key === 'escalation.step_late') {
    const parsed = parseEscalation(rule.value);
    if ('levels' in parsed) {
      const to = { editor_in_chief: lang === 'vi' ? 'Trưởng Ban biên tập' : 'editor-in-chief', owner: lang === 'vi' ? 'cơ quan chủ quản' : 'owning agency' };
      return parsed.levels.map((l) => `${lang === 'vi' ? 'quá hạn' : 'late by'} ${l.after.amount} ${t[l.after.unit]}: ${to[l.to]}`).join('; ');
    }
  }
  return JSON.stringify(rule.value);
}

export function registerRuleRoutes(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const access = { access: { kind: 'permission' as const, permission: 'rules.manage' as const } };

  async function page(request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) {
    const t = text(request.lang);
    const c = common(request.lang);
    const rules = await listRules(db, request.site.id);
    const today = vietnamDate(deps.clock.now());
    const platformAdmin = request.auth!.grants.platformAdmin;
    const ctx = await pageContext(deps, request, reply);
    return sendHtml(
      reply,
      <AdminLayout ctx={ctx} title={t.title}>
        <h1>{t.title}</h1>
        <p class="lead">{t.lead}</p>
        {RULES.map((def) => {
          const versions = rules.filter((r) => r.key === def.key);
          return (
            <section>
              <h2 safe>{def[request.lang]}</h2>
              {versions.length === 0 ? (
                <p>{t.none}</p>
              ) : (
                <div class="table-wrap">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t.value}</th>
                        <th scope="col">{t.from}</th>
                        <th scope="col">{t.to}</th>
                        <th scope="col">{t.scope}</th>
                        <th scope="col">{t.citation}</th>
                        <th scope="col">{t.reasonColumn}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {versions.map((v) => (
                        <tr>
                          <td>
                            <span safe>{describeValue(v, request.lang)}</span>
                            {inForceOn(v, today) ? <span class="tag tag-ok">{t.inForce}</span> : ''}
                          </td>
                          <td safe>{formatDate(v.effectiveFrom)}</td>
                          <td>{escapeHtml(v.effectiveTo ? formatDate(v.effectiveTo) : '—')}</td>
                          <td>{v.siteId === null ? t.national : t.site}</td>
                          <td safe>{v.citation ?? ''}</td>
                          <td safe>{v.note ?? ''}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
          );
        })}
        <h2 id="add">{t.addTitle}</h2>
        <p>{t.addLead}</p>
        <ErrorSummary form={form} title={c.formErrors} />
        <form method="post" action="/admin/rules" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <SelectField name="key" label={t.rule} form={form} required options={RULES.map((r) => ({ value: r.key, label: r[request.lang] }))} />
          {platformAdmin ? (
            <SelectField name="scope" label={t.scope} form={form} required options={[{ value: 'site', label: t.site }, { value: 'national', label: t.national }]} />
          ) : (
            ''
          )}
          <TextField name="amount" type="number" label={t.amount} form={form} inputmode="numeric" />
          <SelectField name="unit" label={t.unit} form={form} options={DEADLINE_UNITS.map((u) => ({ value: u, label: t[u] }))} />
          <TextField name="min" type="number" label={t.min} form={form} inputmode="numeric" />
          <SelectField name="per" label={t.per} form={form} options={(['week', 'month', 'year'] as const).map((p) => ({ value: p, label: t[p] }))} />
          <TextField name="money" type="number" label={t.money} form={form} inputmode="numeric" />
          <TextArea name="json" label={t.json} hint={t.jsonHint} form={form} rows={3} maxlength={4000} />
          <TextField name="effectiveFrom" type="date" label={t.from} form={form} required />
          <TextField name="citation" label={t.citation} hint={t.citationHint} form={form} maxlength={300} />
          <TextArea name="reason" label={t.reason} hint={t.reasonHint} form={form} rows={2} maxlength={1000} />
          <button type="submit">{t.add}</button>
        </form>
      </AdminLayout>,
      status,
    );
  }

  app.get('/admin/rules', { config: access }, async (request, reply) => page(request, reply, emptyForm({ scope: 'site', unit: 'working_days', per: 'month' })));

  app.post('/admin/rules', { config: access }, async (request, reply) => {
    const t = text(request.lang);
    const form = new FormReader(request.body, request.lang);
    const key = form.choice('key', RULES.map((r) => r.key), { label: t.rule, required: true });
    const scope = request.auth!.grants.platformAdmin ? form.choice('scope', ['site', 'national'] as const, { label: t.scope, required: true }) : 'site';
    const effectiveFrom = form.date('effectiveFrom', { label: t.from, required: true });
    const citation = form.text('citation', { label: t.citation, max: 300 });
    const reason = form.text('reason', { label: t.reason, max: 1000 });
    const def = key ? ruleDefinition(key) : undefined;
    // The base salary and minimum wages are national: a site does not set its own.
    if (def?.nationalOnly && scope === 'site') form.fail('scope', t.nationalOnly);
    let value: unknown;
    if (def?.kind === 'deadline') {
      value = { amount: form.integer('amount', { label: t.amount, required: true, minValue: 0, maxValue: 10_000 }), unit: form.choice('unit', DEADLINE_UNITS, { label: t.unit, required: true }) };
    } else if (def?.kind === 'quota') {
      value = { min: form.integer('min', { label: t.min, required: true, minValue: 0, maxValue: 10_000 }), per: form.choice('per', ['week', 'month', 'year'] as const, { label: t.per, required: true }) };
    } else if (def?.kind === 'money') {
      value = form.integer('money', { label: t.money, required: true, minValue: 0 });
    } else if (def?.kind === 'json') {
      // Rules whose value has its own shape (quota.unit_kind, deadline.monthly_data_day, escalation.step_late): checked by the catalogue.
      const raw = form.text('json', { label: t.json, required: true, max: 4000 });
      if (raw !== null) {
        try {
          value = JSON.parse(raw);
        } catch {
          form.fail('json', t.jsonInvalid);
        }
      }
    }
    if (form.ok && key && effectiveFrom && scope) {
      try {
        await addRuleVersion(db, actorOf(request), { siteId: scope === 'national' ? null : request.site.id, key, value, effectiveFrom, citation, reason }, deps.clock);
        return redirectWithFlash(reply, '/admin/rules', { kind: 'success', text: t.added });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        // A JSON value's problems belong to its field.
        addProblems(form, error.problems.map((p) => (def?.kind === 'json' && p.field === 'value' ? { ...p, field: 'json' } : p)), request.lang);
      }
    }
    return page(request, reply, form, 400);
  });
}
