// Form building blocks. Each field shows its label, an optional hint and its
// error, and points to them with aria-describedby; errors are also listed at
// the top (ErrorSummary) with links to the fields.
import type { PropsWithChildren } from '@kitajs/html';
import type { FormValues } from '../../platform/http/form.ts';

declare global {
  namespace JSX {
    // HTML allows autocomplete on a textarea; @kitajs/html's types miss it.
    interface HtmlTextAreaTag {
      autocomplete?: undefined | string;
    }
  }
}

export interface FormState {
  values: FormValues;
  errors: Record<string, string>;
}

export const emptyForm = (values: FormValues = {}): FormState => ({ values, errors: {} });

interface FieldBase {
  name: string;
  label: string;
  form: FormState;
  hint?: string;
  required?: boolean;
}

function describedBy(name: string, hint: string | undefined, error: string | undefined): string | undefined {
  const ids = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function FieldFrame(props: PropsWithChildren<{ name: string; label: string; hint?: string | undefined; error?: string | undefined; required?: boolean | undefined }>): JSX.Element {
  return (
    <div class={props.error ? 'field field-error' : 'field'}>
      <label for={props.name}>
        <span safe>{props.label}</span>
        {props.required && (
          <span class="required" aria-hidden="true">
            {' *'}
          </span>
        )}
      </label>
      {!!props.hint && (
        <p class="hint" id={`${props.name}-hint`} safe>
          {props.hint}
        </p>
      )}
      {!!props.error && (
        <p class="error-message" id={`${props.name}-error`} safe>
          {props.error}
        </p>
      )}
      {props.children}
    </div>
  );
}

function single(values: FormValues, name: string): string {
  const v = values[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

/** Input types that take a maximum length (HTML: maxlength is an error on the others, e.g. number). */
const TAKES_MAXLENGTH = new Set(['text', 'email', 'tel', 'password', 'url', 'search']);

export function TextField(
  props: FieldBase & {
    type?: 'text' | 'email' | 'tel' | 'password' | 'date' | 'time' | 'datetime-local' | 'number' | 'url' | 'search';
    autocomplete?: string;
    maxlength?: number;
    /** Bounds of a number (the server checks them again). */
    min?: number;
    max?: number;
    inputmode?: string;
    spellcheck?: boolean;
  },
): JSX.Element {
  const error = props.form.errors[props.name];
  const type = props.type ?? 'text';
  const value = type === 'password' ? '' : single(props.form.values, props.name);
  return (
    <FieldFrame name={props.name} label={props.label} hint={props.hint} error={error} required={props.required}>
      <input
        id={props.name}
        name={props.name}
        type={type}
        value={value}
        required={props.required}
        autocomplete={props.autocomplete}
        maxlength={props.maxlength === undefined || !TAKES_MAXLENGTH.has(type) ? undefined : String(props.maxlength)}
        min={props.min === undefined ? undefined : String(props.min)}
        max={props.max === undefined ? undefined : String(props.max)}
        inputmode={props.inputmode}
        spellcheck={props.spellcheck === false ? 'false' : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(props.name, props.hint, error)}
      />
    </FieldFrame>
  );
}

/** Several lines of text; `autocomplete` for a multi-line value such as "street-address" (not allowed on a one-line input). */
export function TextArea(props: FieldBase & { rows?: number; maxlength?: number; autocomplete?: string }): JSX.Element {
  const error = props.form.errors[props.name];
  return (
    <FieldFrame name={props.name} label={props.label} hint={props.hint} error={error} required={props.required}>
      <textarea
        id={props.name}
        name={props.name}
        rows={String(props.rows ?? 4)}
        required={props.required}
        autocomplete={props.autocomplete}
        maxlength={props.maxlength === undefined ? undefined : String(props.maxlength)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(props.name, props.hint, error)}
        safe
      >
        {single(props.form.values, props.name)}
      </textarea>
    </FieldFrame>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField(props: FieldBase & { options: Option[]; emptyLabel?: string }): JSX.Element {
  const error = props.form.errors[props.name];
  const current = single(props.form.values, props.name);
  return (
    <FieldFrame name={props.name} label={props.label} hint={props.hint} error={error} required={props.required}>
      <select
        id={props.name}
        name={props.name}
        required={props.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(props.name, props.hint, error)}
      >
        {props.emptyLabel !== undefined && (
          <option value="" safe>
            {props.emptyLabel}
          </option>
        )}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === current} safe>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** Several checkboxes under one name, grouped in a fieldset with a legend. */
export function CheckboxGroup(props: FieldBase & { options: Option[] }): JSX.Element {
  const error = props.form.errors[props.name];
  const raw = props.form.values[props.name];
  const checked = new Set(Array.isArray(raw) ? raw : raw ? [raw] : []);
  return (
    <fieldset
      class={error ? 'field field-error checkbox-group' : 'field checkbox-group'}
      aria-describedby={describedBy(props.name, props.hint, error)}
    >
      <legend safe>{props.label}</legend>
      {!!props.hint && (
        <p class="hint" id={`${props.name}-hint`} safe>
          {props.hint}
        </p>
      )}
      {!!error && (
        <p class="error-message" id={`${props.name}-error`} safe>
          {error}
        </p>
      )}
      {props.options.map((o, i) => (
        <div class="checkbox">
          <input type="checkbox" id={`${props.name}-${i}`} name={props.name} value={o.value} checked={checked.has(o.value)} />
          <label for={`${props.name}-${i}`} safe>
            {o.label}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

export function Checkbox(props: { name: string; label: string; form: FormState; hint?: string }): JSX.Element {
  const value = single(props.form.values, props.name);
  return (
    <div class="field checkbox">
      <input type="checkbox" id={props.name} name={props.name} value="on" checked={value === 'on' || value === '1' || value === 'true'} aria-describedby={props.hint ? `${props.name}-hint` : undefined} />
      <label for={props.name} safe>
        {props.label}
      </label>
      {!!props.hint && (
        <p class="hint" id={`${props.name}-hint`} safe>
          {props.hint}
        </p>
      )}
    </div>
  );
}

/**
 * The list of problems at the top of a form that failed, each a link to its field. Focus
 * moves to it without script: `autofocus` on the focusable (tabindex -1) box, so the page
 * opens on the summary, scrolled to it, and a screen reader reads its heading and list first
 * (role=alert covers readers that announce alerts rather than focus).
 */
export function ErrorSummary({ form, title }: { form: FormState; title: string }): JSX.Element {
  const entries = Object.entries(form.errors);
  if (entries.length === 0) return '';
  return (
    <div class="error-summary" role="alert" tabindex="-1" autofocus>
      <h2 safe>{title}</h2>
      <ul>
        {entries.map(([field, message]) => (
          <li>
            <a href={`#${field}`} safe>
              {message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function CsrfField({ token }: { token: string }): JSX.Element {
  return <input type="hidden" name="_csrf" value={token} />;
}

/** A one-button form for a state-changing action (revoke, disable…): POST, never a GET link. */
export function ActionButton(props: { action: string; label: string; csrfToken: string; fields?: Record<string, string>; variant?: 'danger' | 'secondary' }): JSX.Element {
  return (
    <form method="post" action={props.action} class="inline">
      <CsrfField token={props.csrfToken} />
      {Object.entries(props.fields ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class={`button ${props.variant ? `button-${props.variant}` : ''}`.trim()} safe>
        {props.label}
      </button>
    </form>
  );
}
