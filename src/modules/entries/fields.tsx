// The entry form, generated from a section kind's declaration: one proper
// input per field type, each with its label (Vietnamese, then English), hint,
// required mark and error beside it. Works without JavaScript: rows and
// pictures come with blank slots and a "Thêm dòng" button that draws more.
import type { PropsWithChildren } from '@kitajs/html';
import { fieldName, type FieldDecl, type SectionKind } from '../../core/entries/index.ts';
import { format, type Lang } from '../../ui/i18n.ts';
import type { FormState, Option } from '../../ui/components/form.tsx';
import { ADD_ROWS_BUTTON, countName, maxRowsOf, spareSlots, SPARE_ROWS } from './form.ts';
import { entryText } from './messages.ts';

/** What relation and media fields choose from: this site's items only. */
export interface EntryFieldOptions {
  images: Option[];
  /** Every file of the library (documents, spreadsheets, pictures). */
  files: Option[];
  /** The library's videos and caption files, for fields that accept only those. */
  videos?: Option[];
  subtitles?: Option[];
  /** Documents of the library (PDF, office, ODF, scanned images), for fields of accept 'document'. */
  documentFiles?: Option[];
  /** Private documents of the library ("Tài liệu nội bộ"): offered only to internal fields. */
  privateDocuments?: Option[];
  /** The library's description of each image (by id), prefilled in a picture's empty description. */
  imageAlts?: Record<string, string>;
  documents: Option[];
  units: Option[];
  people: Option[];
  /** Entries by kind key; '' holds entries of every kind. */
  entries: Record<string, Option[]>;
  /** News and articles, newest first (a story thread's); older ones are typed by number. */
  articles?: Option[];
}

/** Above this many options a relation is a multiple select rather than checkboxes. */
const MAX_CHECKBOXES = 30;

interface Ctx {
  form: FormState;
  options: EntryFieldOptions;
  lang: Lang;
}

function single(ctx: Ctx, name: string): string {
  const v = ctx.form.values[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

function list(ctx: Ctx, name: string): Set<string> {
  const v = ctx.form.values[name];
  return new Set(Array.isArray(v) ? v : v ? [v] : []);
}

function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const present = ids.filter((id): id is string => Boolean(id));
  return present.length ? present.join(' ') : undefined;
}

/** "Loại thông báo (Type)": Vietnamese first, English alongside. */
function FieldLabel({ f, ctx }: { f: FieldDecl; ctx: Ctx }): JSX.Element {
  const t = entryText(ctx.lang);
  return (
    <>
      <span safe>{f.label.vi}</span>
      {f.label.en && f.label.en !== f.label.vi ? (
        <>
          {' '}
          <span lang="en" class="muted" safe>{`(${f.label.en})`}</span>
        </>
      ) : (
        ''
      )}
      {f.required ? (
        <>
          <span class="required" aria-hidden="true">
            {' *'}
          </span>
          <span class="visually-hidden" safe>{` (${t.required})`}</span>
        </>
      ) : (
        ''
      )}
    </>
  );
}

function hintOf(f: FieldDecl, ctx: Ctx): string | null {
  const t = entryText(ctx.lang);
  const own = f.hint?.[ctx.lang] ?? null;
  const typeHint = f.type === 'money' ? t.moneyHint : f.type === 'number' ? t.numberHint : f.type === 'datetime' ? t.datetimeHint : f.type === 'rows' ? t.rowsHint : null;
  return [own, typeHint].filter(Boolean).join(' ') || null;
}

function Hint({ id, text }: { id: string; text: string | null }): JSX.Element {
  return text ? (
    <p class="hint" id={id} safe>
      {text}
    </p>
  ) : (
    ''
  );
}

function ErrorText({ name, ctx }: { name: string; ctx: Ctx }): JSX.Element {
  const error = ctx.form.errors[name];
  return error ? (
    <p class="error-message" id={`${name}-error`} safe>
      {error}
    </p>
  ) : (
    ''
  );
}

/** A field of one input: label, hint, error, input. */
function Frame(props: PropsWithChildren<{ f: FieldDecl; name: string; ctx: Ctx }>): JSX.Element {
  const error = props.ctx.form.errors[props.name];
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for={props.name}>
        <FieldLabel f={props.f} ctx={props.ctx} />
      </label>
      <Hint id={`${props.name}-hint`} text={hintOf(props.f, props.ctx)} />
      <ErrorText name={props.name} ctx={props.ctx} />
      {props.children}
    </div>
  );
}

/** A field of several inputs (date range, picture, choices, rows): a fieldset whose id the error summary links to. */
function Group(props: PropsWithChildren<{ f: FieldDecl; name: string; ctx: Ctx; class?: string }>): JSX.Element {
  const error = props.ctx.form.errors[props.name];
  const hint = hintOf(props.f, props.ctx);
  return (
    <fieldset id={props.name} class={`field ${props.class ?? ''} ${error ? 'field-error' : ''}`.trim()} aria-describedby={describedBy(hint !== null && `${props.name}-hint`, error !== undefined && `${props.name}-error`)} tabindex="-1">
      <legend>
        <FieldLabel f={props.f} ctx={props.ctx} />
      </legend>
      <Hint id={`${props.name}-hint`} text={hint} />
      <ErrorText name={props.name} ctx={props.ctx} />
      {props.children}
    </fieldset>
  );
}

const INPUT_TYPES: Partial<Record<FieldDecl['type'], string>> = { text: 'text', date: 'date', datetime: 'datetime-local', time: 'time', money: 'text', number: 'text', link: 'url', phone: 'tel', email: 'email' };
const MAX_LENGTHS: Partial<Record<FieldDecl['type'], number>> = { text: 500, longtext: 5000, link: 2000, phone: 40, email: 200 };

interface ControlProps {
  f: FieldDecl;
  name: string;
  ctx: Ctx;
  /** Inside a table row: the accessible name, since the column header is not a label. */
  cellLabel?: string;
}

function relationOptions(f: FieldDecl, ctx: Ctx): Option[] {
  const o = ctx.options;
  switch (f.type) {
    case 'files':
    case 'file':
      if (f.accept === 'image') return o.images;
      if (f.accept === 'video') return o.videos ?? [];
      if (f.accept === 'subtitle') return o.subtitles ?? [];
      if (f.accept === 'document') return [...(f.internal ? (o.privateDocuments ?? []) : []), ...(o.documentFiles ?? [])];
      return o.files;
    case 'documents':
      return o.documents;
    case 'units':
      return o.units;
    case 'people':
      return o.people;
    case 'entries':
      return o.entries[f.entryKind ?? ''] ?? [];
    case 'articles':
      return o.articles ?? [];
    default:
      return (f.choices ?? []).map((c) => ({ value: c.value, label: ctx.lang === 'en' ? c.label.en : c.label.vi }));
  }
}

/** One value typed in one input (text, date, time, money, link…), a select of one, or a text area. */
function SimpleControl({ f, name, ctx, cellLabel }: ControlProps): JSX.Element {
  const t = entryText(ctx.lang);
  const error = ctx.form.errors[name];
  const common = {
    id: name,
    name,
    'aria-invalid': error ? 'true' : undefined,
    'aria-label': cellLabel,
    'aria-describedby': cellLabel ? (error ? `${name}-error` : undefined) : describedBy(hintOf(f, ctx) !== null && `${name}-hint`, error !== undefined && `${name}-error`),
  };
  if (f.type === 'longtext' || f.type === 'richtext') {
    return (
      <textarea {...common} rows={f.type === 'richtext' ? '12' : cellLabel ? '2' : '4'} maxlength={f.type === 'longtext' ? String(f.maxLength ?? MAX_LENGTHS.longtext) : undefined} data-rich-editor={f.type === 'richtext' ? '' : undefined} safe>
        {single(ctx, name)}
      </textarea>
    );
  }
  if (f.type === 'choice' || f.type === 'file') {
    const current = single(ctx, name);
    return (
      <select {...common}>
        <option value="">
          {f.type === 'file' ? t.none : t.none}
        </option>
        {relationOptions(f, ctx).map((o) => (
          <option value={o.value} selected={o.value === current} safe>
            {o.label}
          </option>
        ))}
      </select>
    );
  }
  const type = INPUT_TYPES[f.type] ?? 'text';
  const max = f.maxLength ?? MAX_LENGTHS[f.type];
  return (
    <input
      {...common}
      type={type}
      value={single(ctx, name)}
      maxlength={max !== undefined && ['text', 'url', 'tel', 'email'].includes(type) ? String(max) : undefined}
      inputmode={f.type === 'money' ? 'numeric' : f.type === 'number' ? 'decimal' : undefined}
      autocomplete={f.type === 'phone' ? 'off' : undefined}
    />
  );
}

/** Several of a list: checkboxes, or a multiple select when the list is long. */
function ManyControl({ f, name, ctx, cellLabel }: ControlProps): JSX.Element {
  const t = entryText(ctx.lang);
  const options = relationOptions(f, ctx);
  const chosen = list(ctx, name);
  if (options.length === 0) return <p class="muted">{t.noItems}</p>;
  if (options.length > MAX_CHECKBOXES) {
    return (
      <>
        <label for={`${name}-select`} class="visually-hidden">
          {cellLabel ? <span safe>{cellLabel}</span> : <FieldLabel f={f} ctx={ctx} />}
        </label>
        <p class="hint">{t.chooseMany}</p>
        <select id={`${name}-select`} name={name} multiple="multiple" size="8">
          {options.map((o) => (
            <option value={o.value} selected={chosen.has(o.value)} safe>
              {o.label}
            </option>
          ))}
        </select>
      </>
    );
  }
  const boxes = options.map((o, i) => (
    <div class="checkbox">
      <input type="checkbox" id={`${name}-${i}`} name={name} value={o.value} checked={chosen.has(o.value)} />
      <label for={`${name}-${i}`} safe>
        {o.label}
      </label>
    </div>
  ));
  // In a table cell the column header is no label: the group is named for its row.
  return cellLabel ? (
    <fieldset class="cell-group">
      <legend class="visually-hidden" safe>
        {cellLabel}
      </legend>
      {boxes}
    </fieldset>
  ) : (
    <>{boxes}</>
  );
}

/** Up to this many choices are radio buttons, all in sight; more are a select. */
const MAX_RADIOS = 4;

function isRadios(f: FieldDecl, cellLabel: string | undefined): boolean {
  return f.type === 'choice' && !cellLabel && (f.choices?.length ?? 0) <= MAX_RADIOS;
}

/** One of a few choices; "(không chọn)" first when the field may stay empty. */
function RadioControl({ f, name, ctx }: ControlProps): JSX.Element {
  const t = entryText(ctx.lang);
  const current = single(ctx, name);
  const options = [...(f.required ? [] : [{ value: '', label: t.none }]), ...relationOptions(f, ctx)];
  return (
    <>
      {options.map((o, i) => (
        <div class="checkbox">
          <input type="radio" id={`${name}-${i}`} name={name} value={o.value} checked={o.value === current} />
          <label for={`${name}-${i}`} safe>
            {o.label}
          </label>
        </div>
      ))}
    </>
  );
}

function DateRangeControl({ name, ctx, cellLabel }: ControlProps): JSX.Element {
  const t = entryText(ctx.lang);
  const input = (part: 'from' | 'to', label: string) => (
    <span class="range-part">
      <label for={`${name}.${part}`} class={cellLabel ? 'visually-hidden' : undefined} safe>
        {cellLabel ? `${cellLabel} — ${label}` : label}
      </label>{' '}
      <input type="date" id={`${name}.${part}`} name={`${name}.${part}`} value={single(ctx, `${name}.${part}`)} aria-invalid={ctx.form.errors[name] ? 'true' : undefined} />
    </span>
  );
  return (
    <div class="date-range">
      {input('from', t.from)} {input('to', t.to)}
    </div>
  );
}

function PictureControl({ name, ctx, cellLabel }: ControlProps): JSX.Element {
  const t = entryText(ctx.lang);
  const part = (suffix: string, label: string, el: JSX.Element) => (
    <div class="picture-part">
      <label for={`${name}.${suffix}`} class={cellLabel ? 'visually-hidden' : undefined} safe>
        {cellLabel ? `${cellLabel} — ${label}` : label}
      </label>
      {el}
    </div>
  );
  const current = single(ctx, `${name}.mediaId`);
  return (
    <div class="picture-slot">
      {part(
        'mediaId',
        t.pictureFrom,
        <select id={`${name}.mediaId`} name={`${name}.mediaId`}>
          <option value="">
            {t.noPicture}
          </option>
          {ctx.options.images.map((o) => (
            <option value={o.value} selected={o.value === current} safe>
              {o.label}
            </option>
          ))}
        </select>,
      )}
      {part(
        'alt',
        t.pictureAlt,
        <>
          <ErrorText name={`${name}.alt`} ctx={ctx} />
          <input type="text" id={`${name}.alt`} name={`${name}.alt`} value={single(ctx, `${name}.alt`) || (current ? (ctx.options.imageAlts?.[current] ?? '') : '')} maxlength="300" aria-invalid={ctx.form.errors[`${name}.alt`] ? 'true' : undefined} aria-describedby={ctx.form.errors[`${name}.alt`] ? `${name}.alt-error` : undefined} />
        </>,
      )}
      {part('caption', t.pictureCaption, <input type="text" id={`${name}.caption`} name={`${name}.caption`} value={single(ctx, `${name}.caption`)} maxlength="500" />)}
    </div>
  );
}

/** How many slots to draw: as the form says, else the spare ones. */
function drawn(f: FieldDecl, name: string, ctx: Ctx): number {
  const n = Number(single(ctx, countName(name)));
  return Math.min(maxRowsOf(f) + SPARE_ROWS, Number.isInteger(n) && n > 0 ? n : spareSlots(name));
}

function AddButton({ f, label }: { f: FieldDecl; label: string }): JSX.Element {
  return (
    <button type="submit" name={ADD_ROWS_BUTTON} value={f.key} class="button button-secondary" formnovalidate safe>
      {label}
    </button>
  );
}

function PicturesControl({ f, name, ctx, cellLabel }: ControlProps): JSX.Element {
  const t = entryText(ctx.lang);
  const n = drawn(f, name, ctx);
  return (
    <>
      <input type="hidden" name={countName(name)} value={String(n)} />
      {Array.from({ length: n }, (_, i) => (
        <fieldset class="picture-slot">
          <legend safe>{cellLabel ? `${cellLabel} — ${format(t.pictureN, { n: i + 1 })}` : format(t.pictureN, { n: i + 1 })}</legend>
          <PictureControl f={f} name={`${name}.${i}`} ctx={ctx} />
        </fieldset>
      ))}
      {/* "Thêm ảnh" asks for a top-level field's slots; inside a row the row's spare slots serve. */}
      {n < maxRowsOf(f) && !cellLabel ? <AddButton f={f} label={t.addPictures} /> : ''}
    </>
  );
}

/** One cell of a row: the sub-field's control, named for its row, with its error. */
function Cell({ sub, name, ctx, row }: { sub: FieldDecl; name: string; ctx: Ctx; row: number }): JSX.Element {
  const t = entryText(ctx.lang);
  const cellLabel = format(t.cellLabel, { label: ctx.lang === 'en' ? sub.label.en : sub.label.vi, n: row + 1 });
  const error = ctx.form.errors[name];
  return (
    <td class={error ? 'field-error' : undefined} id={sub.type === 'daterange' || sub.type === 'picture' || isMany(sub) ? name : undefined}>
      <Control f={sub} name={name} ctx={ctx} cellLabel={cellLabel} />
      <ErrorText name={name} ctx={ctx} />
    </td>
  );
}

function RowsControl({ f, name, ctx }: ControlProps): JSX.Element {
  const t = entryText(ctx.lang);
  const n = drawn(f, name, ctx);
  const subs = f.fields ?? [];
  return (
    <>
      <input type="hidden" name={countName(name)} value={String(n)} />
      <div class="table-wrap">
        <table class="entry-rows">
          <thead>
            <tr>
              <th scope="col">#</th>
              {subs.map((s) => (
                <th scope="col">
                  <FieldLabel f={s} ctx={ctx} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: n }, (_, i) => (
              <tr>
                <th scope="row" safe>{String(i + 1)}</th>
                {subs.map((s) => (
                  <Cell sub={s} name={`${name}.${i}.${s.key}`} ctx={ctx} row={i} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {n < maxRowsOf(f) ? <AddButton f={f} label={t.addRows} /> : ''}
    </>
  );
}

function isMany(f: FieldDecl): boolean {
  return f.type === 'choices' || f.type === 'files' || f.type === 'documents' || f.type === 'units' || f.type === 'people' || f.type === 'entries' || f.type === 'articles';
}

/** Articles older than the list shows, typed by their numbers (no JavaScript needed). */
function ArticleNumbers({ name, ctx }: ControlProps): JSX.Element {
  const t = entryText(ctx.lang);
  return (
    <div class="field">
      <label for={`${name}.add`}>{t.articleNumbers}</label>
      <input type="text" id={`${name}.add`} name={`${name}.add`} value={single(ctx, `${name}.add`)} inputmode="numeric" maxlength="500" />
    </div>
  );
}

/** The input(s) of a field without its frame. */
function Control(props: ControlProps): JSX.Element {
  switch (props.f.type) {
    case 'daterange':
      return <DateRangeControl {...props} />;
    case 'picture':
      return <PictureControl {...props} />;
    case 'pictures':
      return <PicturesControl {...props} />;
    case 'rows':
      return <RowsControl {...props} />;
    case 'articles':
      return (
        <>
          <ManyControl {...props} />
          <ArticleNumbers {...props} />
        </>
      );
    default:
      return isMany(props.f) ? <ManyControl {...props} /> : isRadios(props.f, props.cellLabel) ? <RadioControl {...props} /> : <SimpleControl {...props} />;
  }
}

/** One declared field, framed. */
export function EntryField({ f, ctx }: { f: FieldDecl; ctx: Ctx }): JSX.Element {
  const name = fieldName(f.key);
  const grouped = f.type === 'daterange' || f.type === 'picture' || f.type === 'pictures' || f.type === 'rows' || isMany(f) || isRadios(f, undefined);
  return grouped ? (
    <Group f={f} name={name} ctx={ctx} class={f.type === 'rows' ? 'entry-rows-field' : undefined}>
      <Control f={f} name={name} ctx={ctx} />
    </Group>
  ) : (
    <Frame f={f} name={name} ctx={ctx}>
      <Control f={f} name={name} ctx={ctx} />
    </Frame>
  );
}

/** Every declared field of the kind, in its order. */
export function EntryFields({ kind, form, options, lang }: { kind: SectionKind; form: FormState; options: EntryFieldOptions; lang: Lang }): JSX.Element {
  const t = entryText(lang);
  const ctx: Ctx = { form, options, lang };
  const usesMedia = kind.fields.some((f) => ['file', 'files', 'picture', 'pictures'].includes(f.type) || (f.fields ?? []).some((s) => ['file', 'files', 'picture', 'pictures'].includes(s.type)));
  return (
    <section class="entry-fields" id="entry" aria-labelledby="entry-h" tabindex="-1">
      <h2 id="entry-h" safe>{`${t.fieldsTitle}: ${lang === 'en' ? kind.label.en : kind.label.vi}`}</h2>
      <ErrorText name="entry" ctx={ctx} />
      {usesMedia ? (
        // A submit, not a link: the draft is saved before the library opens, so nothing typed is lost (no JavaScript needed).
        <p>
          <button type="submit" name="then" value="upload" class="button button-secondary" aria-describedby="entry-library-hint">
            {t.library}
          </button>
          <span class="hint" id="entry-library-hint">
            {' '}
            {t.libraryHint}
          </span>
        </p>
      ) : (
        ''
      )}
      {kind.fields.map((f) => (
        <EntryField f={f} ctx={ctx} />
      ))}
    </section>
  );
}
