// Durations in working time as people read them: "12,5 giờ làm việc".
import type { Lang } from '../../ui/i18n.ts';

/** Working hours with one decimal (Vietnamese decimal comma). */
export function hoursOf(minutes: number): number {
  return Math.round((minutes / 60) * 10) / 10;
}

export function formatHours(minutes: number, lang: Lang): string {
  const h = hoursOf(minutes);
  return lang === 'vi' ? String(h).replace('.', ',') : String(h);
}

export function formatWorkingTime(minutes: number, lang: Lang): string {
  return `${formatHours(minutes, lang)} ${lang === 'vi' ? 'giờ làm việc' : 'working hours'}`;
}
