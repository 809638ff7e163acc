import { format, type Lang } from '../i18n.ts';
import { common } from '../messages.ts';

/** Previous / next links that keep the other query parameters of the page. */
export function Pagination(props: { lang: Lang; page: number; pages: number; baseUrl: string; query?: Record<string, string> }): JSX.Element {
  if (props.pages <= 1) return '';
  const t = common(props.lang);
  const link = (page: number) => {
    const params = new URLSearchParams({ ...(props.query ?? {}), page: String(page) });
    return `${props.baseUrl}?${params.toString()}`;
  };
  return (
    <nav class="pagination" aria-label={format(t.pageOf, { page: props.page, pages: props.pages })}>
      {props.page > 1 && (
        <a href={link(props.page - 1)} rel="prev">
          {t.previous}
        </a>
      )}
      <span safe>{format(t.pageOf, { page: props.page, pages: props.pages })}</span>
      {props.page < props.pages && (
        <a href={link(props.page + 1)} rel="next">
          {t.next}
        </a>
      )}
    </nav>
  );
}
