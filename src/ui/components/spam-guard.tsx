// The hidden parts of a public form that keep robots out without a captcha:
// the signed render time (stamp) and a honeypot field people never see.
import type { Lang } from '../i18n.ts';

const LEAVE_EMPTY = { vi: 'Để trống ô này', en: 'Leave this empty' };

export function SpamGuard(props: { stamp: string; lang: Lang }): JSX.Element {
  return (
    <>
      <input type="hidden" name="stamp" value={props.stamp} />
      <div class="trap" aria-hidden="true">
        <label for="website" safe>
          {LEAVE_EMPTY[props.lang]}
        </label>
        <input type="text" id="website" name="website" tabindex="-1" autocomplete="off" />
      </div>
    </>
  );
}
