// Failed sign-ins racing each other (several nodes, or several requests on one)
// are all counted: the count moves on in the database, not from what each
// request read before checking the password (ADR 0026).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { forEachEngine, type TestDatabase } from '../../../test/support/databases.ts';
import { makeSite, makeUser, TEST_PASSWORD } from '../../../test/support/factories.ts';
import { attemptLogin, FAILURES_BEFORE_LOCK } from './login.ts';
import type { Site } from '../sites/site.ts';

forEachEngine('sign-in lockout under concurrent attempts', (engine) => {
  let database: TestDatabase;
  let site: Site;
  before(async () => {
    database = await engine.open();
    site = await makeSite(database.db, 'khoa');
  });
  after(async () => database.destroy());

  test(`${FAILURES_BEFORE_LOCK} wrong passwords at once lock the account; the right one is then refused`, async () => {
    const user = await makeUser(database.db, site, ['contributor']);
    const origin = { ip: '10.0.0.1', userAgent: 'test' };
    const results = await Promise.all(Array.from({ length: FAILURES_BEFORE_LOCK }, () => attemptLogin(database.db, site, user.email, 'sai-mat-khau', origin)));
    assert.ok(results.every((r) => !r.ok));
    const row = await database.db.selectFrom('users').select(['failed_login_count', 'locked_until']).where('id', '=', user.id).executeTakeFirstOrThrow();
    assert.equal(row.failed_login_count, FAILURES_BEFORE_LOCK, 'every attempt counted');
    assert.ok(row.locked_until, 'locked');
    const right = await attemptLogin(database.db, site, user.email, TEST_PASSWORD, origin);
    assert.equal(right.ok, false);
    assert.equal(!right.ok && right.reason, 'locked');
  });
});
