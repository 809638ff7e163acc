// The month a report shows ("2026-11"), chosen with the browser's month input
// (plain text where there is none), in a GET form: the address names the month.

/** `error` is the message when what was asked for is not a month. */
export function MonthFilter(props: { action: string; label: string; button: string; value: string; error: string | null }): JSX.Element {
  return (
    <form method="get" action={props.action} class="filters">
      <div class="field">
        <label for="thang" safe>
          {props.label}
        </label>
        <input type="month" id="thang" name="thang" value={props.value} aria-describedby={props.error ? 'thang-error' : undefined} />
        {props.error ? (
          <p class="error" id="thang-error" safe>
            {props.error}
          </p>
        ) : (
          ''
        )}
      </div>
      <button type="submit" class="button button-secondary" safe>
        {props.button}
      </button>
    </form>
  );
}
