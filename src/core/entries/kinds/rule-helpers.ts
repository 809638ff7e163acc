// What the kinds' own rules share: a problem naming a field (inside rows too).
import { fieldName } from '../values.ts';

export interface KindProblem {
  code: string;
  field?: string;
  vi: string;
  en: string;
}

export function kindProblem(code: string, key: string, vi: string, en: string, row?: { rows: string; index: number }): KindProblem {
  return { code, field: fieldName(key, row), vi, en };
}
