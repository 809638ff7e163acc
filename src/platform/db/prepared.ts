// Hot reads compiled once (issue 18): building a Kysely query and compiling it to SQL costs tens of
// microseconds per call, about a tenth of an uncached article page's CPU. A prepared read is built
// once per database with a marker in each parameter's place; later calls put the values in those
// places and run the same SQL text (which SQLite's statement cache then finds compiled as well).
import { createQueryId, type Compilable, type CompiledQuery } from 'kysely';
import type { Db } from './database.ts';

/** A parameter's marker while the query is built: no value a caller passes looks like it. */
const MARK = '\u0000param:';

/** Where each parameter of the compiled SQL comes from: a named value, or a constant of the query. */
type Source<P> = { name: keyof P } | { constant: unknown };

interface Template<P> {
  query: CompiledQuery['query'];
  sql: string;
  sources: Source<P>[];
}

/** What the builder is given to stand for a value: `param('siteId')`. */
export type Param<P> = <K extends keyof P & string>(name: K) => P[K];

export interface PreparedRead<P, R> {
  /** Every row. */
  all(db: Db, params: P): Promise<R[]>;
  /** The first row, or undefined. */
  first(db: Db, params: P): Promise<R | undefined>;
}

/**
 * A read whose shape never changes with its values (no IN lists of varying length, no optional
 * conditions): `prepared<{ id: number }, Row>((db, p) => db.selectFrom('x').selectAll().where('id', '=', p('id')))`.
 */
export function prepared<P extends Record<string, unknown>, R>(build: (db: Db, param: Param<P>) => Compilable<R>): PreparedRead<P, R> {
  const templates = new WeakMap<Db, Template<P>>();
  const templateFor = (db: Db): Template<P> => {
    const known = templates.get(db);
    if (known) return known;
    const template = compileTemplate(db, build);
    templates.set(db, template);
    return template;
  };
  const run = async (db: Db, params: P): Promise<R[]> => {
    const template = templateFor(db);
    const parameters = template.sources.map((source) => ('name' in source ? params[source.name] : source.constant));
    const result = await db.executeQuery<R>({ query: template.query, queryId: createQueryId(), sql: template.sql, parameters });
    return result.rows;
  };
  return {
    all: run,
    first: async (db, params) => (await run(db, params))[0],
  };
}

function compileTemplate<P extends Record<string, unknown>, R>(db: Db, build: (db: Db, param: Param<P>) => Compilable<R>): Template<P> {
  const named = new Set<string>();
  const param = ((name: string) => {
    named.add(name);
    return `${MARK}${name}`;
  }) as Param<P>;
  const compiled = build(db, param).compile();
  // A marker must be a whole parameter: one spliced into the SQL text or into a larger value
  // would silently run with the marker instead of the caller's value.
  if (compiled.sql.includes(MARK)) throw new Error('prepared read: a parameter was written into the SQL text');
  const seen = new Set<string>();
  const sources = compiled.parameters.map((value): Source<P> => {
    if (typeof value === 'string' && value.includes(MARK)) {
      const name = value.slice(MARK.length);
      if (!value.startsWith(MARK) || !named.has(name)) throw new Error('prepared read: a parameter was used inside another value');
      seen.add(name);
      return { name };
    }
    return { constant: value };
  });
  for (const name of named) if (!seen.has(name)) throw new Error(`prepared read: parameter ${name} is not in the compiled query`);
  return { query: compiled.query, sql: compiled.sql, sources };
}
