// An entry's declared fields as a read-only table (labels and formatted
// values), so a reviewer sees what will be published: rich text as the page
// shows it (sanitised when saved), rows as a table of their own.
import type { EntryValues, FieldDecl, SectionKind } from '../../core/entries/index.ts';
import type { Lang } from '../../ui/i18n.ts';
import { formatEntryValue, type EntryNames } from './display.ts';
import { entryText } from './messages.ts';

function Value({ f, value, names, lang }: { f: FieldDecl; value: unknown; names: EntryNames; lang: Lang }): JSX.Element {
  const t = entryText(lang);
  if (f.type === 'richtext' && typeof value === 'string' && value) return <div class="article-body">{value as 'safe'}</div>;
  if (f.type === 'rows' && Array.isArray(value) && value.length) {
    const subs = f.fields ?? [];
    return (
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">#</th>
              {subs.map((s) => (
                <th scope="col" safe>
                  {lang === 'en' ? s.label.en : s.label.vi}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {(value as Record<string, unknown>[]).map((row, i) => (
              <tr>
                <td safe>{String(i + 1)}</td>
                {subs.map((s) => (
                  <td>
                    <Value f={s} value={row[s.key]} names={names} lang={lang} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }
  const text = formatEntryValue(f, value, names, lang);
  if (!text) return <span class="muted">{t.noValue}</span>;
  return (
    <span class="pre-line" safe>
      {text}
    </span>
  );
}

export function EntryFieldsTable({ kind, values, names, lang }: { kind: SectionKind; values: EntryValues; names: EntryNames; lang: Lang }): JSX.Element {
  const t = entryText(lang);
  return (
    <div class="table-wrap">
      <table class="entry-fields-review">
        <caption safe>{`${t.fieldsReview}: ${lang === 'en' ? kind.label.en : kind.label.vi}`}</caption>
        <tbody>
          {kind.fields.map((f) => (
            <tr>
              <th scope="row" safe>
                {lang === 'en' ? f.label.en : f.label.vi}
              </th>
              <td>
                <Value f={f} value={values[f.key]} names={names} lang={lang} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
