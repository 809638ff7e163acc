// The organisation chart (a nested list of units, each with its functions,
// head, contacts, own site and leaders; the leadership first) and the
// directory (every unit and person with position, phone and official e-mail,
// searchable; who receives information requests first). Plain HTML: no
// JavaScript, readable at 320 px, headings that follow the tree's depth.
import type { PropsWithChildren } from '@kitajs/html';
import { format, type Lang } from '../../../ui/i18n.ts';
import type { UnitRow } from '../../../platform/db/schema.ts';
import { PublicLayout, type PublicChrome } from '../../public/layout.tsx';
import { orgText } from './messages.ts';
import type { PublicPerson } from './queries.ts';
import type { UnitNode } from '../../units/unit.ts';

/** A heading of the level the tree's depth gives it (h2…h6). */
function Heading({ level, id, children }: PropsWithChildren<{ level: number; id?: string }>): JSX.Element {
  switch (Math.min(Math.max(level, 2), 6)) {
    case 2:
      return <h2 id={id}>{children}</h2>;
    case 3:
      return <h3 id={id}>{children}</h3>;
    case 4:
      return <h4 id={id}>{children}</h4>;
    case 5:
      return <h5 id={id}>{children}</h5>;
    default:
      return <h6 id={id}>{children}</h6>;
  }
}

export function unitName(u: Pick<UnitRow, 'name' | 'name_en'>, lang: Lang): string {
  return lang === 'en' && u.name_en ? u.name_en : u.name;
}

const telHref = (phone: string) => `tel:${phone.replace(/[^0-9+]/g, '')}`;

/** Phone and e-mail as links, one per line. */
function ContactLines({ lang, phone, email }: { lang: Lang; phone: string | null; email: string | null }): JSX.Element {
  const t = orgText(lang);
  return (
    <>
      {phone ? (
        <p>
          {t.phone}: <a href={telHref(phone)} safe>{phone}</a>
        </p>
      ) : (
        ''
      )}
      {email ? (
        <p class="org-email">
          {t.email}: <a href={`mailto:${email}`} safe>{email}</a>
        </p>
      ) : (
        ''
      )}
    </>
  );
}

/** One person: photo (on the chart), name linking to their page, position, contacts. */
export function PersonCard({ person: p, lang, level, photo = true }: { person: PublicPerson; lang: Lang; level: number; photo?: boolean }): JSX.Element {
  const t = orgText(lang);
  const withPhoto = photo && p.photo;
  return (
    <li class={`org-person${withPhoto ? ' has-photo' : ''}`}>
      {withPhoto ? <img src={p.photo!.url} alt={p.photo!.alt || format(t.photoOf, { name: p.name })} width={p.photo!.width ? String(p.photo!.width) : undefined} height={p.photo!.height ? String(p.photo!.height) : undefined} loading="lazy" /> : ''}
      <div>
        <Heading level={level}>
          <a href={p.url} safe>
            {p.name}
          </a>
        </Heading>
        {p.position ? <p safe>{p.position}</p> : ''}
        <ContactLines lang={lang} phone={p.phone} email={p.email} />
      </div>
    </li>
  );
}

function People({ people, lang, level, photo }: { people: PublicPerson[]; lang: Lang; level: number; photo?: boolean }): JSX.Element {
  return people.length === 0 ? (
    <></>
  ) : (
    <ul class="org-people">
      {people.map((p) => (
        <PersonCard person={p} lang={lang} level={level} photo={photo} />
      ))}
    </ul>
  );
}

/** What the chart and the directory say about a unit: head, phone, e-mail, address, own site. */
function UnitDetails({ unit: u, head, lang }: { unit: UnitRow; head: string | undefined; lang: Lang }): JSX.Element {
  const t = orgText(lang);
  return (
    <>
      {head ? (
        <p safe>
          {`${t.head}: ${u.head_title ? `${u.head_title} ` : ''}${head}`}
        </p>
      ) : (
        ''
      )}
      <ContactLines lang={lang} phone={u.phone} email={u.email} />
      {u.address ? <p safe>{`${t.address}: ${u.address}`}</p> : ''}
      {u.site_url ? (
        <p class="org-email">
          {t.site}:{' '}
          <a href={u.site_url} rel="external" safe>
            {u.site_url}
          </a>
        </p>
      ) : (
        ''
      )}
    </>
  );
}

export interface ChartView {
  tree: UnitNode[];
  heads: Map<number, string>;
  leadership: PublicPerson[];
  leadersOf: Map<number, PublicPerson[]>;
}

function UnitBranch({ nodes, view, lang }: { nodes: UnitNode[]; view: ChartView; lang: Lang }): JSX.Element {
  const t = orgText(lang);
  return (
    <>
      {nodes.map((n) => {
        const u = n.unit;
        const level = 3 + n.depth;
        const leaders = view.leadersOf.get(u.id) ?? [];
        return (
          <li class="org-unit">
            <Heading level={level} id={`don-vi-${u.id}`}>
              <span safe>{unitName(u, lang)}</span>
            </Heading>
            <UnitDetails unit={u} head={view.heads.get(u.id)} lang={lang} />
            {u.functions && lang === 'vi' ? (
              <details>
                <summary>{t.functions}</summary>
                <p class="pre-line" safe>
                  {u.functions}
                </p>
              </details>
            ) : (
              ''
            )}
            {leaders.length > 0 ? (
              <>
                <p class="visually-hidden" safe>{`${t.unitLeaders}: ${unitName(u, lang)}`}</p>
                <People people={leaders} lang={lang} level={level + 1} />
              </>
            ) : (
              ''
            )}
            {n.children.length > 0 ? (
              <ul class="org-children">
                <UnitBranch nodes={n.children} view={view} lang={lang} />
              </ul>
            ) : (
              ''
            )}
          </li>
        );
      })}
    </>
  );
}

export function OrgChartPage(props: { chrome: PublicChrome; canonical: string; view: ChartView; directoryHref: string; head?: JSX.Element }): JSX.Element {
  const c = props.chrome;
  const lang = c.lang;
  const t = orgText(lang);
  const v = props.view;
  return (
    <PublicLayout chrome={c} title={t.chartTitle} canonical={props.canonical} head={props.head}>
      <h1>{t.chartTitle}</h1>
      <p class="lead">{t.chartLead}</p>
      <p>
        <a href={props.directoryHref}>{t.directoryLink}</a>
      </p>
      {v.leadership.length > 0 ? (
        <section aria-labelledby="lanh-dao-h">
          <h2 id="lanh-dao-h" safe>
            {`${t.leadership} ${c.agencyName}`}
          </h2>
          <People people={v.leadership} lang={lang} level={3} />
        </section>
      ) : (
        ''
      )}
      <section aria-labelledby="don-vi-h">
        <h2 id="don-vi-h">{t.units}</h2>
        {v.tree.length === 0 ? (
          <p>{t.noUnits}</p>
        ) : (
          <ul class="org-tree">
            <UnitBranch nodes={v.tree} view={v} lang={lang} />
          </ul>
        )}
      </section>
    </PublicLayout>
  );
}

export interface DirectoryGroup {
  /** null: the agency's leadership. */
  unit: UnitRow | null;
  head: string | undefined;
  people: PublicPerson[];
}

export function DirectoryPage(props: {
  chrome: PublicChrome;
  canonical: string;
  action: string;
  query: string;
  matches: number;
  receivers: PublicPerson[];
  requestHref: string;
  groups: DirectoryGroup[];
  chartHref: string;
}): JSX.Element {
  const c = props.chrome;
  const lang = c.lang;
  const t = orgText(lang);
  return (
    <PublicLayout chrome={c} title={props.query ? `${t.directoryTitle}: ${props.query}` : t.directoryTitle} canonical={props.canonical} noindex={Boolean(props.query)}>
      <h1>{t.directoryTitle}</h1>
      <p class="lead">{t.directoryLead}</p>
      <p>
        <a href={props.chartHref}>{t.chartLink}</a>
      </p>
      {props.receivers.length > 0 ? (
        <section class="contact-details" aria-labelledby="tiep-nhan-h">
          <h2 id="tiep-nhan-h">{t.receivers}</h2>
          <p>{t.receiversLead}</p>
          <People people={props.receivers} lang={lang} level={3} photo={false} />
          <p>
            <a href={props.requestHref}>{t.requestForm}</a>
          </p>
        </section>
      ) : (
        ''
      )}
      <form method="get" action={props.action} class="filters" role="search" aria-labelledby="danh-ba-tim-h">
        <h2 id="danh-ba-tim-h" class="visually-hidden">
          {t.searchLabel}
        </h2>
        <div class="field">
          <label for="danh-ba-q">{t.searchLabel}</label>
          <p class="hint" id="danh-ba-q-hint">
            {t.searchHint}
          </p>
          <input type="search" id="danh-ba-q" name="q" value={props.query} maxlength="100" aria-describedby="danh-ba-q-hint" />
        </div>
        <button type="submit" class="button">
          {t.searchButton}
        </button>
      </form>
      {props.query ? (
        <>
          <p role="status" safe>
            {format(props.matches > 0 ? t.found : t.nothingFound, { count: props.matches, q: props.query })}
          </p>
          <p>
            <a href={props.action}>{t.clearSearch}</a>
          </p>
        </>
      ) : (
        ''
      )}
      {props.groups.map((g) => {
        const id = `nhom-${g.unit?.id ?? 0}`;
        return (
          <section class="org-group" aria-labelledby={id}>
            <h2 id={id} safe>
              {g.unit ? unitName(g.unit, lang) : `${t.leadership} ${c.agencyName}`}
            </h2>
            {g.unit ? <UnitDetails unit={g.unit} head={g.head} lang={lang} /> : ''}
            <People people={g.people} lang={lang} level={3} photo={false} />
          </section>
        );
      })}
    </PublicLayout>
  );
}
