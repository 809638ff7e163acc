// The public pages of citizens' voice: the four forms (question, petition,
// information request, correction claim), the page after sending, the
// tracking page, and the published questions and petitions. No page here ever
// shows a requester's name, e-mail, phone, address or identity number.
import { CASE_KIND_NAMES, CASE_STATUS_NAMES, type CaseKind, type CaseStatus } from '../../core/citizens/index.ts';
import { formatDateTime } from '../../core/time.ts';
import { Checkbox, ErrorSummary, SelectField, TextArea, TextField, type FormState } from '../../ui/components/form.tsx';
import { SpamGuard } from '../../ui/components/spam-guard.tsx';
import { format, type Lang } from '../../ui/i18n.ts';
import { PublicLayout, type PublicChrome } from '../public/layout.tsx';
import { Pager } from '../public/pages.tsx';
import { paths } from '../public/site-view.ts';
import { RatingSection, type RatingView } from '../ratings/rating-form.tsx';
import { DELIVERY_FORMS, DELIVERY_NAMES, MAX_COPIES } from './case-details.ts';
import { citizenText } from './public-messages.ts';
import type { PublishedCase, TrackedCase } from './public-queries.ts';

export const FORM_PATH: Record<CaseKind, (lang: Lang) => string> = {
  question: paths.askQuestion,
  petition: paths.sendPetition,
  info_request: paths.infoRequest,
  correction_claim: paths.correctionClaim,
};

export interface CaseFormState extends FormState {
  stamp: string;
  /** The previous try had files: they must be chosen again. */
  filesDropped?: boolean;
}

export interface FormLimits {
  maxFiles: number;
  maxSizeText: string;
  /** Days personal data is kept after a case closes (retention.personal_data). */
  retentionDays: number;
  /** This site's origin, to explain which addresses a correction claim accepts. */
  origin: string;
}

export function formTitle(kind: CaseKind, lang: Lang): string {
  const t = citizenText(lang);
  return { question: t.askTitle, petition: t.petitionTitle, info_request: t.infoRequestTitle, correction_claim: t.correctionTitle }[kind];
}

function formLead(kind: CaseKind, lang: Lang): string {
  const t = citizenText(lang);
  return { question: t.askLead, petition: t.petitionLead, info_request: t.infoRequestLead, correction_claim: t.correctionLead }[kind];
}

function FileField(props: { label: string; hint: string; form: CaseFormState; maxFiles: number; againNote: string }): JSX.Element {
  const error = props.form.errors.tep;
  const describedBy = ['tep-hint', props.form.filesDropped ? 'tep-again' : null, error ? 'tep-error' : null].filter(Boolean).join(' ');
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for="tep" safe>
        {props.label}
      </label>
      <p class="hint" id="tep-hint" safe>
        {props.hint}
      </p>
      {props.form.filesDropped ? (
        <p class="hint notice-warning" id="tep-again" safe>
          {props.againNote}
        </p>
      ) : (
        ''
      )}
      {error ? (
        <p class="error-message" id="tep-error" safe>
          {error}
        </p>
      ) : (
        ''
      )}
      <input
        type="file"
        id="tep"
        name="tep"
        multiple
        accept=".pdf,.doc,.docx,.odt,.jpg,.jpeg,.png,.gif,.webp,application/pdf,image/*"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
      />
    </div>
  );
}

function DeliveryChoice({ form, lang }: { form: CaseFormState; lang: Lang }): JSX.Element {
  const t = citizenText(lang);
  const error = form.errors.delivery;
  const current = (form.values.delivery as string | undefined) || 'email';
  return (
    <fieldset class={error ? 'field field-error radio-group' : 'field radio-group'} aria-describedby={error ? 'delivery-error' : undefined}>
      <legend>
        {t.deliveryForm}
        <span class="required" aria-hidden="true">
          {' *'}
        </span>
      </legend>
      {error ? (
        <p class="error-message" id="delivery-error" safe>
          {error}
        </p>
      ) : (
        ''
      )}
      {DELIVERY_FORMS.map((d, i) => (
        <div class="radio">
          <input type="radio" id={i === 0 ? 'delivery' : `delivery-${d}`} name="delivery" value={d} checked={current === d} />
          <label for={i === 0 ? 'delivery' : `delivery-${d}`} safe>
            {DELIVERY_NAMES[d][lang]}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

export function CaseFormPage(props: { chrome: PublicChrome; kind: CaseKind; state: CaseFormState; fields: string[]; limits: FormLimits }): JSX.Element {
  const c = props.chrome;
  const lang = c.lang;
  const t = citizenText(lang);
  const f = props.state;
  const kind = props.kind;
  const title = formTitle(kind, lang);
  const withFiles = kind !== 'info_request';
  const fieldOptions = props.fields.map((x) => ({ value: x, label: x }));
  const privacy = format(t.privacy, { id: kind === 'info_request' ? t.privacyId : '', agency: c.agencyName, days: props.limits.retentionDays });
  return (
    <PublicLayout chrome={c} title={title}>
      <h1 safe>{title}</h1>
      <ErrorSummary form={f} title={t.formErrors} />
      <p class="lead" safe>
        {formLead(kind, lang)}
      </p>
      <p class="hint">{t.requiredNote}</p>
      <form method="post" action={FORM_PATH[kind](lang)} enctype="multipart/form-data" novalidate class="citizen-form">
        <SpamGuard stamp={f.stamp} lang={lang} />
        <fieldset>
          <legend>{kind === 'info_request' ? t.requester : t.sender}</legend>
          <TextField name="name" label={t.name} form={f} required autocomplete="name" maxlength={120} />
          {kind === 'question' || kind === 'petition' ? <TextField name="organisation" label={t.organisation} form={f} autocomplete="organization" maxlength={200} /> : ''}
          {kind === 'info_request' ? (
            <>
              <TextField name="idNumber" label={t.idNumber} form={f} required hint={t.idNumberHint} maxlength={20} autocomplete="off" />
              <TextField name="idIssued" label={t.idIssued} form={f} maxlength={200} />
              <TextArea name="address" label={t.residence} form={f} required autocomplete="street-address" rows={2} maxlength={300} />
            </>
          ) : (
            ''
          )}
          <TextField name="email" type="email" label={t.email} form={f} hint={t.emailOrPhone} autocomplete="email" maxlength={254} />
          <TextField name="phone" type="tel" label={t.phone} form={f} autocomplete="tel" maxlength={20} />
          {kind !== 'info_request' ? <TextArea name="address" label={t.address} form={f} autocomplete="street-address" rows={2} maxlength={300} /> : ''}
        </fieldset>
        {kind === 'question' ? (
          <fieldset>
            <legend>{t.content}</legend>
            <SelectField name="field" label={t.field} form={f} options={fieldOptions} emptyLabel={t.fieldUnknown} />
            <TextField name="title" label={t.questionTitle} form={f} required maxlength={300} />
            <TextArea name="body" label={t.question} form={f} required hint={t.questionHint} rows={8} maxlength={10000} />
          </fieldset>
        ) : (
          ''
        )}
        {kind === 'petition' ? (
          <fieldset>
            <legend>{t.content}</legend>
            <SelectField name="field" label={t.field} form={f} options={fieldOptions} emptyLabel={t.fieldUnknown} />
            <TextField name="title" label={t.petitionSubject} form={f} required maxlength={300} />
            <TextField name="regulation" label={t.regulation} form={f} required hint={t.regulationHint} maxlength={500} />
            <TextArea name="body" label={t.petitionBody} form={f} required hint={t.petitionBodyHint} rows={6} maxlength={10000} />
            <TextArea name="proposal" label={t.proposal} form={f} required hint={t.proposalHint} rows={4} maxlength={5000} />
          </fieldset>
        ) : (
          ''
        )}
        {kind === 'info_request' ? (
          <>
            <fieldset>
              <legend>{t.infoWanted}</legend>
              <p class="hint">{t.infoWantedHint}</p>
              <TextField name="docName" label={t.docName} form={f} maxlength={500} />
              <TextField name="docNumber" label={t.docNumber} form={f} maxlength={80} />
              <TextField name="docDate" label={t.docDate} form={f} hint={t.docDateHint} maxlength={10} />
              <TextField name="docIssuer" label={t.docIssuer} form={f} maxlength={300} />
              <TextArea name="description" label={t.description} form={f} rows={4} maxlength={5000} />
              <SelectField name="field" label={t.field} form={f} options={fieldOptions} emptyLabel={t.fieldUnknown} />
              <TextArea name="purpose" label={t.purpose} form={f} required rows={3} maxlength={2000} />
            </fieldset>
            <fieldset>
              <legend>{t.delivery}</legend>
              <TextField name="copies" type="number" label={t.copies} form={f} required inputmode="numeric" min={1} max={MAX_COPIES} />
              <DeliveryChoice form={f} lang={lang} />
              <TextField name="deliveryAddress" label={t.deliveryAddress} form={f} hint={t.deliveryAddressHint} maxlength={300} />
            </fieldset>
          </>
        ) : (
          ''
        )}
        {kind === 'correction_claim' ? (
          <fieldset>
            <legend>{t.content}</legend>
            <TextField name="url" type="url" label={t.itemUrl} form={f} required hint={format(t.itemUrlHint, { example: `${props.limits.origin}/bai-viet/…` })} maxlength={500} inputmode="url" />
            <TextArea name="wrong" label={t.wrong} form={f} required hint={t.wrongHint} rows={5} maxlength={5000} />
            <TextArea name="correction" label={t.correction} form={f} required rows={5} maxlength={5000} />
          </fieldset>
        ) : (
          ''
        )}
        {withFiles ? (
          <FileField
            label={kind === 'correction_claim' ? t.evidence : t.attachments}
            hint={format(t.attachmentsHint, { max: props.limits.maxFiles, size: props.limits.maxSizeText })}
            form={f}
            maxFiles={props.limits.maxFiles}
            againNote={t.filesAgain}
          />
        ) : (
          ''
        )}
        {kind === 'question' || kind === 'petition' ? <Checkbox name="consent" label={kind === 'question' ? t.consent : t.consentPetition} form={f} /> : ''}
        <section class="privacy-note" aria-labelledby="privacy-h">
          <h2 id="privacy-h" class="h3">
            {t.privacyTitle}
          </h2>
          <p safe>{privacy}</p>
        </section>
        <button type="submit" class="button">
          {kind === 'info_request' ? t.sendRequest : t.send}
        </button>
      </form>
      <p>
        <a href={paths.track(lang)}>{t.trackButton}</a>
      </p>
    </PublicLayout>
  );
}

/** After sending: the tracking code, prominently. Without a code (a refused robot), a neutral thank-you. */
export function CaseSentPage(props: { chrome: PublicChrome; kind: CaseKind; sent: { code: string; due: string; email: string | null } | null }): JSX.Element {
  const c = props.chrome;
  const t = citizenText(c.lang);
  const s = props.sent;
  return (
    <PublicLayout chrome={c} title={t.sentTitle} noindex>
      <h1>{t.sentTitle}</h1>
      {s ? (
        <>
          <p class="notice-ok" role="status" safe>
            {format(t.sentLead, { agency: c.agencyName, kind: CASE_KIND_NAMES[props.kind][c.lang].toLowerCase() })}
          </p>
          <div class="tracking-code-box">
            <p>{t.yourCode}</p>
            <p class="tracking-code">
              <strong safe>{s.code}</strong>
            </p>
            <p>{t.keepCode}</p>
          </div>
          <p safe>{format(t.sentDue, { due: formatDateTime(s.due) })}</p>
          <p>{s.email ? <span safe>{format(t.sentMail, { email: s.email })}</span> : t.sentNoMail}</p>
          <p>
            <a class="button" href={`${paths.track(c.lang)}?ma=${encodeURIComponent(s.code)}`}>
              {t.followNow}
            </a>
          </p>
        </>
      ) : (
        <p class="notice-ok" role="status">
          {t.receivedNeutral}
        </p>
      )}
    </PublicLayout>
  );
}

export function TrackPage(props: { chrome: PublicChrome; typed: string; problem: string | null; found: TrackedCase | null; history: { status: string; at: string }[] }): JSX.Element {
  const c = props.chrome;
  const lang = c.lang;
  const t = citizenText(lang);
  const k = props.found;
  const statusName = (s: string) => CASE_STATUS_NAMES[s as CaseStatus]?.[lang] ?? s;
  const isPetition = k?.kind === 'petition';
  const historyLine = (h: { status: string }) => {
    if (!k) return statusName(h.status);
    if (h.status === 'assigned' && k.unitName) return format(t.assignedTo, { unit: k.unitName });
    if (h.status === 'refused' && k.outcomeReason) return `${statusName(h.status)} — ${t.reason}: ${k.outcomeReason}`;
    if (h.status === 'forwarded' && k.forwardedTo) return `${statusName(h.status)} — ${t.forwardedTo}: ${k.forwardedTo}`;
    if (h.status === 'merged' && k.mergedIntoCode) return format(t.mergedInto, { code: k.mergedIntoCode });
    return statusName(h.status);
  };
  return (
    <PublicLayout chrome={c} title={t.trackTitle} noindex>
      <h1>{t.trackTitle}</h1>
      <p class="lead">{t.trackLead}</p>
      <form method="get" action={paths.track(lang)} class="filters" role="search" aria-label={t.trackTitle}>
        <div class={props.problem ? 'field field-error' : 'field'}>
          <label for="ma">{t.code}</label>
          <p class="hint" id="ma-hint">
            {t.codeHint}
          </p>
          {props.problem ? (
            <p class="error-message" id="ma-error" safe>
              {props.problem}
            </p>
          ) : (
            ''
          )}
          <input
            type="text"
            id="ma"
            name="ma"
            value={props.typed}
            maxlength="40"
            autocomplete="off"
            autocapitalize="characters"
            spellcheck="false"
            aria-invalid={props.problem ? 'true' : undefined}
            aria-describedby={props.problem ? 'ma-hint ma-error' : 'ma-hint'}
          />
        </div>
        <button type="submit">{t.find}</button>
      </form>
      {k ? (
        <section aria-labelledby="case-h" class="tracked-case">
          <h2 id="case-h" safe>
            {k.trackingCode}
          </h2>
          <dl class="meta">
            <dt>{t.kind}</dt>
            <dd safe>{CASE_KIND_NAMES[k.kind]?.[lang] ?? k.kind}</dd>
            <dt>{t.title}</dt>
            <dd safe>{k.title}</dd>
            <dt>{t.received}</dt>
            <dd safe>{formatDateTime(k.receivedAt)}</dd>
            <dt>{t.status}</dt>
            <dd>
              <strong safe>{statusName(k.status)}</strong>
            </dd>
            {k.dueAt && !['answered', 'refused', 'forwarded', 'merged'].includes(k.status) ? (
              <>
                <dt>{t.due}</dt>
                <dd safe>{formatDateTime(k.dueAt)}</dd>
              </>
            ) : (
              ''
            )}
            {k.unitName ? (
              <>
                <dt>{t.unit}</dt>
                <dd safe>{k.unitName}</dd>
              </>
            ) : (
              ''
            )}
          </dl>
          <h3>{t.history}</h3>
          <ol class="timeline">
            {props.history.map((h) => (
              <li>
                <span safe>{formatDateTime(h.at)}</span> — <span safe>{historyLine(h)}</span>
              </li>
            ))}
          </ol>
          {k.answer ? (
            <>
              <h3>{isPetition ? t.result : t.answer}</h3>
              {k.answeredAt ? <p class="meta-line" safe>{`${t.answeredAt}: ${formatDateTime(k.answeredAt)}`}</p> : ''}
              <div class="pre-line" safe>
                {k.answer}
              </div>
              {k.answerFiles.length > 0 ? (
                <>
                  <h4 id="answer-files-h">{t.answerFiles}</h4>
                  <ul aria-labelledby="answer-files-h">
                    {k.answerFiles.map((f) => (
                      <li>
                        <a href={paths.trackFile(f.id, k.trackingCode)} safe>
                          {`${f.name} (${Math.max(1, Math.round(f.size / 1024))} KB)`}
                        </a>
                      </li>
                    ))}
                  </ul>
                </>
              ) : (
                ''
              )}
            </>
          ) : (
            ''
          )}
          {k.publicUrl ? (
            <p>
              <a href={k.publicUrl}>{t.seePublished}</a>
            </p>
          ) : (
            ''
          )}
        </section>
      ) : (
        ''
      )}
    </PublicLayout>
  );
}

export interface ListFilters {
  field: string;
  q: string;
}

export function PublishedListPage(props: { chrome: PublicChrome; kind: 'question' | 'petition'; canonical: string; rows: PublishedCase[]; total: number; page: number; pages: number; fields: string[]; filters: ListFilters; base: string }): JSX.Element {
  const c = props.chrome;
  const lang = c.lang;
  const t = citizenText(lang);
  const q = props.kind === 'question';
  const title = q ? t.questionsTitle : t.petitionsTitle;
  const query = Object.fromEntries(Object.entries({ 'linh-vuc': props.filters.field, q: props.filters.q }).filter(([, v]) => v)) as Record<string, string>;
  return (
    <PublicLayout chrome={c} title={props.page > 1 ? `${title} (${props.page})` : title} canonical={props.canonical}>
      <h1>{title}</h1>
      <p class="lead">{q ? t.questionsLead : t.petitionsLead}</p>
      <p class="actions">
        <a class="button" href={q ? paths.askQuestion(lang) : paths.sendPetition(lang)}>
          {q ? t.askButton : t.petitionButton}
        </a>{' '}
        <a href={paths.track(lang)}>{t.trackButton}</a>
      </p>
      <form method="get" action={props.base} class="filters" role="search" aria-label={t.filters}>
        <div class="field">
          <label for="cd-field">{t.field}</label>
          <select id="cd-field" name="linh-vuc">
            <option value="">{t.allFields}</option>
            {props.fields.map((x) => (
              <option value={x} selected={x === props.filters.field} safe>
                {x}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="cd-q">{t.words}</label>
          <input type="search" id="cd-q" name="q" value={props.filters.q} maxlength="200" />
        </div>
        <button type="submit">{t.filters}</button>
      </form>
      <p role="status" safe>
        {props.total === 0 ? t.none : format(t.found, { n: props.total })}
      </p>
      {props.rows.length > 0 ? (
        <ul class="items">
          {props.rows.map((r) => (
            <li class="item">
              <div>
                <h2>
                  <a href={q ? paths.question(r.id) : paths.petition(r.id)} safe>
                    {r.title || CASE_KIND_NAMES[r.kind][lang]}
                  </a>
                </h2>
                <p class="meta-line" safe>
                  {[r.field, r.unitName, formatDateTime(r.answeredAt ?? r.publishedAt).slice(0, 10)].filter(Boolean).join(' · ')}
                </p>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        ''
      )}
      <Pager lang={lang} page={props.page} pages={props.pages} base={props.base} query={query} />
      <p>
        <a href={q ? '/api/v1/open/questions' : '/api/v1/open/petitions'}>{t.openData}</a>
      </p>
    </PublicLayout>
  );
}

export function PublishedCasePage(props: { chrome: PublicChrome; item: PublishedCase; canonical: string; rating: RatingView | null; head: JSX.Element }): JSX.Element {
  const c = props.chrome;
  const lang = c.lang;
  const t = citizenText(lang);
  const r = props.item;
  const q = r.kind === 'question';
  const title = r.title || CASE_KIND_NAMES[r.kind][lang];
  return (
    <PublicLayout chrome={c} title={title} canonical={props.canonical} head={props.head}>
      <article class="published-case">
        <h1 safe>{title}</h1>
        <dl class="meta">
          {r.field ? (
            <>
              <dt>{t.field}</dt>
              <dd safe>{r.field}</dd>
            </>
          ) : (
            ''
          )}
          <dt>{t.received}</dt>
          <dd safe>{formatDateTime(r.receivedAt).slice(0, 10)}</dd>
          {r.answeredAt ? (
            <>
              <dt>{t.answeredAt}</dt>
              <dd safe>{formatDateTime(r.answeredAt).slice(0, 10)}</dd>
            </>
          ) : (
            ''
          )}
          {r.unitName ? (
            <>
              <dt>{q ? t.answeringUnit : t.handlingUnit}</dt>
              <dd safe>{r.unitName}</dd>
            </>
          ) : (
            ''
          )}
          <dt>{t.publishedAt}</dt>
          <dd safe>{formatDateTime(r.publishedAt).slice(0, 10)}</dd>
          {r.updatedAt ? (
            <>
              <dt>{t.updatedAt}</dt>
              <dd safe>{formatDateTime(r.updatedAt).slice(0, 10)}</dd>
            </>
          ) : (
            ''
          )}
        </dl>
        <h2>{q ? t.questionBody : t.petitionContent}</h2>
        <div class="pre-line" safe>
          {r.question}
        </div>
        <h2>{q ? t.answer : t.result}</h2>
        <div class="pre-line" safe>
          {r.answer}
        </div>
        <RatingSection lang={lang} rating={props.rating} />
      </article>
      <p>
        <a href={q ? paths.questions(lang) : paths.petitions(lang)}>{q ? t.backToQuestions : t.backToPetitions}</a>
        {' · '}
        <a href={q ? paths.askQuestion(lang) : paths.sendPetition(lang)}>{q ? t.askButton : t.petitionButton}</a>
      </p>
    </PublicLayout>
  );
}
