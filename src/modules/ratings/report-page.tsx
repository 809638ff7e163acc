// The board's ratings page (/admin/ratings) and the rows of its CSV/XLSX.
import type { Lang } from '../../ui/i18n.ts';
import { MonthFilter } from '../../ui/components/month-filter.tsx';
import { AdminLayout } from '../../ui/layout.tsx';
import type { PageContext } from '../../ui/page-context.ts';
import { ARTICLE_KIND_LABELS, isArticleKind } from '../articles/article.ts';
import { ratingReportText } from './messages.ts';
import { AREAS, type Area, type GroupKey, type MonthlyRatings, type Tally } from './report.ts';

type Text = ReturnType<typeof ratingReportText>;

const COLUMNS = ['ratings', 'useful', 'notUseful', 'usefulShare'] as const satisfies readonly (keyof Tally)[];

function areaLabel(area: Area, t: Text): string {
  return t[`area_${area}`];
}

export function kindLabel(kind: string, lang: Lang): string {
  if (isArticleKind(kind)) return ARTICLE_KIND_LABELS[kind][lang];
  return (AREAS as readonly string[]).includes(kind) ? areaLabel(kind as Area, ratingReportText(lang)) : kind;
}

export function groupLabel(group: GroupKey, lang: Lang): string {
  const t = ratingReportText(lang);
  return 'sectionId' in group ? (group.name ?? t.deletedSection) : areaLabel(group.area, t);
}

/** A title even for an item whose title was not known (counts carried over from before monthly counts). */
export function itemTitle(item: { title: string; itemType: string; itemId: number }): string {
  return item.title || `${item.itemType} #${item.itemId}`;
}

function number(value: number | null, lang: Lang): string {
  return value === null ? '—' : lang === 'vi' ? String(value).replace('.', ',') : String(value);
}

function TallyCells({ tally, lang }: { tally: Tally; lang: Lang }): JSX.Element {
  return (
    <>
      {COLUMNS.map((c) => (
        <td class="num" safe>
          {number(tally[c], lang)}
        </td>
      ))}
    </>
  );
}

function ColumnHeads({ t }: { t: Text }): JSX.Element {
  return (
    <>
      {COLUMNS.map((c) => (
        <th scope="col" class="num">
          {t[c]}
        </th>
      ))}
    </>
  );
}

export function RatingsPage(props: { ctx: PageContext; month: string; report: MonthlyRatings | null }): JSX.Element {
  const { ctx, report } = props;
  const lang = ctx.lang;
  const t = ratingReportText(lang);
  return (
    <AdminLayout ctx={ctx} title={t.title}>
      <h1>{t.title}</h1>
      <p class="lead">{t.lead}</p>
      <MonthFilter action="/admin/ratings" label={t.month} button={t.show} value={props.month} error={report ? null : t.badMonth} />
      {report && report.items.length === 0 ? <p>{t.empty}</p> : ''}
      {report && report.items.length > 0 ? (
        <>
          <p>
            {t.download} <a href={`/admin/ratings.csv?thang=${report.month}`}>CSV</a> · <a href={`/admin/ratings.xlsx?thang=${report.month}`}>XLSX</a>
          </p>
          <section aria-labelledby="by-section-h">
            <h2 id="by-section-h">{t.bySection}</h2>
            <div class="table-wrap">
              <table class="data-table">
                <thead>
                  <tr>
                    <th scope="col">{t.section}</th>
                    <th scope="col" class="num">
                      {t.items}
                    </th>
                    <ColumnHeads t={t} />
                  </tr>
                </thead>
                <tbody>
                  {report.groups.map((g) => (
                    <tr>
                      <th scope="row" safe>
                        {groupLabel(g.group, lang)}
                      </th>
                      <td class="num" safe>
                        {String(g.items)}
                      </td>
                      <TallyCells tally={g} lang={lang} />
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{t.total}</th>
                    <td class="num" safe>
                      {String(report.total.items)}
                    </td>
                    <TallyCells tally={report.total} lang={lang} />
                  </tr>
                </tfoot>
              </table>
            </div>
          </section>
          <section aria-labelledby="by-item-h">
            <h2 id="by-item-h">{t.byItem}</h2>
            <div class="table-wrap">
              <table class="data-table">
                <thead>
                  <tr>
                    <th scope="col">{t.item}</th>
                    <th scope="col">{t.kind}</th>
                    <th scope="col">{t.section}</th>
                    <ColumnHeads t={t} />
                  </tr>
                </thead>
                <tbody>
                  {report.items.map((item) => (
                    <tr>
                      <th scope="row">
                        {item.url ? (
                          <a href={item.url} safe>
                            {itemTitle(item)}
                          </a>
                        ) : (
                          <span safe>{itemTitle(item)}</span>
                        )}
                      </th>
                      <td safe>{kindLabel(item.kind, lang)}</td>
                      <td safe>{groupLabel(item.group, lang)}</td>
                      <TallyCells tally={item} lang={lang} />
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      ) : (
        ''
      )}
    </AdminLayout>
  );
}

/** The spreadsheet: every item, then the sections, then the total (one table, a column says which). */
export function exportRows(report: MonthlyRatings, lang: Lang, origin: string): { headers: string[]; rows: (string | number | null)[][] } {
  const t = ratingReportText(lang);
  const headers = [t.month, t.group, t.item, t.kind, t.section, t.address, t.items, ...COLUMNS.map((c) => t[c])];
  const tallies = (x: Tally) => COLUMNS.map((c) => x[c]);
  const rows: (string | number | null)[][] = [
    ...report.items.map((i) => [report.month, t.byItem, itemTitle(i), kindLabel(i.kind, lang), groupLabel(i.group, lang), i.url ? `${origin}${i.url}` : '', null, ...tallies(i)]),
    ...report.groups.map((g) => [report.month, t.bySection, '', '', groupLabel(g.group, lang), '', g.items, ...tallies(g)]),
    [report.month, t.total, '', '', '', '', report.total.items, ...tallies(report.total)],
  ];
  return { headers, rows };
}
