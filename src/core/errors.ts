// Errors a use case raises on purpose. Each carries a stable code for the API
// and a message in both interface languages for people; the HTTP layer maps
// them to a status, a form error or a JSON error without a stack trace.
import type { Lang } from '../ui/i18n.ts';

export interface Problem {
  code: string;
  /** The form field or JSON property at fault, when there is one. */
  field?: string;
  vi: string;
  en: string;
}

export class DomainError extends Error {
  readonly problems: Problem[];
  constructor(
    problems: Problem | Problem[],
    readonly status: number = 422,
  ) {
    const list = Array.isArray(problems) ? problems : [problems];
    super(list.map((p) => p.en).join(' '));
    this.name = 'DomainError';
    this.problems = list;
  }

  get code(): string {
    return this.problems[0]?.code ?? 'invalid';
  }

  messageIn(lang: Lang): string {
    return this.problems.map((p) => p[lang]).join(' ');
  }
}

export class NotFoundError extends DomainError {
  constructor(what: { vi: string; en: string }) {
    super({ code: 'not_found', vi: `Không tìm thấy ${what.vi}.`, en: `${what.en} not found.` }, 404);
    this.name = 'NotFoundError';
  }
}

export class ForbiddenError extends DomainError {
  constructor(problem?: Partial<Problem>) {
    super(
      {
        code: problem?.code ?? 'forbidden',
        vi: problem?.vi ?? 'Bạn không có quyền thực hiện thao tác này.',
        en: problem?.en ?? 'You are not allowed to do this.',
      },
      403,
    );
    this.name = 'ForbiddenError';
  }
}

/** Collects every reason an action cannot proceed, then throws them together. */
export class Problems {
  private readonly list: Problem[] = [];

  add(problem: Problem): this {
    this.list.push(problem);
    return this;
  }

  get empty(): boolean {
    return this.list.length === 0;
  }

  throwIfAny(status = 422): void {
    if (this.list.length > 0) throw new DomainError(this.list, status);
  }
}
