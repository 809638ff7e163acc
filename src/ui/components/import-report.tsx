// The row-by-row report of a refused import (documents, procedures…): which
// line of the user's file, which column, and what to fix.
import { defineMessages, type Lang } from '../i18n.ts';

const text = defineMessages({
  vi: { line: 'Dòng', column: 'Cột', problem: 'Cần sửa' },
  en: { line: 'Line', column: 'Column', problem: 'To fix' },
});

export interface ImportProblemRow {
  /** The line in the user's spreadsheet; 0 when the problem is the whole file. */
  line: number;
  column: string | null;
  message: string;
}

/** An alert with a heading and the table of problems. */
export function ImportReport(props: { lang: Lang; title: string; rows: ImportProblemRow[] }): JSX.Element {
  if (props.rows.length === 0) return '';
  const t = text(props.lang);
  return (
    <section class="error-summary" role="alert" tabindex="-1" aria-labelledby="import-errors-h">
      <h2 id="import-errors-h" safe>
        {props.title}
      </h2>
      <div class="table-wrap">
        <table class="data-table">
          <caption class="visually-hidden" safe>
            {props.title}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t.line}</th>
              <th scope="col">{t.column}</th>
              <th scope="col">{t.problem}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr>
                <th scope="row">{r.line > 0 ? String(r.line) : '—'}</th>
                <td safe>{r.column ?? '—'}</td>
                <td safe>{r.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
