// The citizens' cases panel of the back-office home: how many cases wait at
// each step for this person, and which are late or due today, each a link.
import { formatDateTime } from '../../core/time.ts';
import { defineMessages, format, type Lang } from '../../ui/i18n.ts';
import type { CaseWorkload, DueCase } from './workload.ts';

export const workloadText = defineMessages({
  vi: {
    heading: 'Ý kiến, kiến nghị của công dân',
    intake: '{count} ý kiến chờ phân loại',
    awaitingReceipt: '{count} ý kiến đơn vị chưa ghi nhận tiếp nhận',
    inProgress: '{count} ý kiến đơn vị đang trả lời',
    inReview: '{count} câu trả lời đang chờ duyệt',
    toSend: '{count} câu trả lời đã duyệt, chờ gửi',
    overdue: 'Quá hạn ({count})',
    dueToday: 'Đến hạn hôm nay ({count})',
    due: 'hạn {at}',
    nothing: 'Không có ý kiến nào đang chờ.',
    more: 'và {count} ý kiến khác',
    register: 'Mở sổ theo dõi ý kiến',
  },
  en: {
    heading: "Citizens' questions and petitions",
    intake: '{count} cases waiting to be classified',
    awaitingReceipt: '{count} cases whose unit has not recorded receipt',
    inProgress: '{count} cases a unit is answering',
    inReview: '{count} answers waiting for approval',
    toSend: '{count} approved answers waiting to be sent',
    overdue: 'Overdue ({count})',
    dueToday: 'Due today ({count})',
    due: 'due {at}',
    nothing: 'No case is waiting.',
    more: 'and {count} more',
    register: 'Open the register of cases',
  },
});

/** How many due cases each list shows; the register has the rest. */
const SHOWN = 10;

function DueList(props: { id: string; heading: string; items: DueCase[]; lang: Lang }): JSX.Element {
  const t = workloadText(props.lang);
  if (props.items.length === 0) return '';
  return (
    <>
      <h3 id={props.id} safe>
        {props.heading}
      </h3>
      <ul aria-labelledby={props.id}>
        {props.items.slice(0, SHOWN).map(({ row, due }) => (
          <li>
            <a href={`/admin/cases/${row.id}`}>
              <span safe>{row.tracking_code}</span> — <span safe>{row.title}</span>
            </a>{' '}
            <span safe>{[row.unit_name, format(t.due, { at: formatDateTime(due) })].filter(Boolean).join(' · ')}</span>
          </li>
        ))}
        {props.items.length > SHOWN ? <li safe>{format(t.more, { count: props.items.length - SHOWN })}</li> : ''}
      </ul>
    </>
  );
}

export function CaseWorkloadPanel(props: { workload: CaseWorkload; lang: Lang }): JSX.Element {
  const t = workloadText(props.lang);
  const w = props.workload;
  const steps: [number, string, string][] = [
    [w.intake, t.intake, '/admin/cases?tab=intake'],
    [w.awaitingReceipt, t.awaitingReceipt, '/admin/cases?tab=units'],
    [w.inProgress, t.inProgress, '/admin/cases?tab=units'],
    [w.inReview, t.inReview, '/admin/cases?tab=review'],
    [w.toSend, t.toSend, '/admin/cases?tab=approved'],
  ];
  const shown = steps.filter(([count]) => count > 0);
  return (
    <section aria-labelledby="cases-h" class="case-workload">
      <h2 id="cases-h">{t.heading}</h2>
      {shown.length === 0 ? (
        <p>{t.nothing}</p>
      ) : (
        <ul>
          {shown.map(([count, text, href]) => (
            <li>
              <a href={href} safe>
                {format(text, { count })}
              </a>
            </li>
          ))}
        </ul>
      )}
      <DueList id="cases-overdue-h" heading={format(t.overdue, { count: w.overdue.length })} items={w.overdue} lang={props.lang} />
      <DueList id="cases-today-h" heading={format(t.dueToday, { count: w.dueToday.length })} items={w.dueToday} lang={props.lang} />
      <p>
        <a href="/admin/cases">{t.register}</a>
      </p>
    </section>
  );
}
