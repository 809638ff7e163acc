import type { Flash } from '../page-context.ts';

/** The outcome of the previous action, announced politely to screen readers. */
export function FlashMessage({ flash }: { flash: Flash | null }): JSX.Element {
  if (!flash) return '';
  return (
    <div class={`flash flash-${flash.kind}`} role={flash.kind === 'error' ? 'alert' : 'status'}>
      <p safe>{flash.text}</p>
    </div>
  );
}
