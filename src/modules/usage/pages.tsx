// The board's usage page (/admin/usage): one month's figures with charts, and a link to the spreadsheet.
import type { SectionFigures } from '../../core/reports/section.ts';
import { FiguresView } from '../../ui/components/figures.tsx';
import { MonthFilter } from '../../ui/components/month-filter.tsx';
import { AdminLayout } from '../../ui/layout.tsx';
import type { PageContext } from '../../ui/page-context.ts';
import { usageText } from './messages.ts';

export function UsagePage(props: { ctx: PageContext; month: string; figures: SectionFigures | null }): JSX.Element {
  const { ctx, figures } = props;
  const t = usageText(ctx.lang);
  return (
    <AdminLayout ctx={ctx} title={t.title}>
      <h1>{t.title}</h1>
      <p class="lead">{t.lead}</p>
      <MonthFilter action="/admin/usage" label={t.month} button={t.show} value={props.month} error={figures ? null : t.badMonth} />
      {figures ? (
        <>
          <p>
            {t.download} <a href={`/admin/usage.xlsx?thang=${props.month}`}>XLSX</a> · <a href={`/admin/ratings?thang=${props.month}`}>{t.ratings}</a>
          </p>
          <FiguresView figures={figures} lang={ctx.lang} idPrefix="usage" empty={t.none} />
        </>
      ) : (
        ''
      )}
    </AdminLayout>
  );
}
