// "Ảnh trong nội dung": every picture of the body with a description and a
// caption field, so pictures can be described without JavaScript; the rich
// editor keeps this list in step with what it shows (client/pictures.ts).
import { pictureField } from '../../../core/content/index.ts';
import { format, type Lang } from '../../../ui/i18n.ts';
import { TextField, type FormState } from '../../../ui/components/form.tsx';
import type { FormValues } from '../../../platform/http/form.ts';
import type { PictureRow } from '../body-pictures.ts';
import { articleText } from '../messages.ts';

export function PicturesFieldset(props: { lang: Lang; values: FormValues; errors: Record<string, string>; pictures: PictureRow[] }): JSX.Element {
  const t = articleText(props.lang);
  return (
    <fieldset class="pictures" id="pictures" aria-describedby="pictures-lead" data-pictures>
      <legend>{t.pictures}</legend>
      <p class="hint" id="pictures-lead">
        {t.picturesLead}
      </p>
      <input type="hidden" name="pictureCount" value={String(props.pictures.length)} />
      <p class="muted" data-pictures-none hidden={props.pictures.length > 0}>
        {t.picturesNone}
      </p>
      <ol class="picture-list" data-picture-list>
        {props.pictures.map((p) => {
          const alt = pictureField(p.number, 'alt');
          const caption = pictureField(p.number, 'caption');
          const typed = (name: string, current: string) => (typeof props.values[name] === 'string' ? (props.values[name] as string) : current);
          const offered = p.alt === '' && props.values[alt] === undefined && p.libraryAlt !== null;
          const form: FormState = { values: { [alt]: offered ? p.libraryAlt! : typed(alt, p.alt), [caption]: typed(caption, p.caption) }, errors: props.errors };
          return (
            <li class="picture-row" id={`picture-${p.number}`}>
              {p.thumb ? <img class="picture-thumb" src={p.thumb} alt="" width="120" loading="lazy" /> : <span class="picture-thumb" />}
              <div class="picture-fields">
                <p class="picture-name">
                  <strong safe>{format(t.pictureNumber, { number: p.number })}</strong>
                  {p.name ? <span safe>{` — ${p.name}`}</span> : ''}
                </p>
                <input type="hidden" name={pictureField(p.number, 'src')} value={p.src} />
                <TextField name={alt} label={format(t.pictureAlt, { number: p.number })} hint={offered ? t.pictureFromLibrary : undefined} form={form} maxlength={300} />
                <TextField name={caption} label={format(t.pictureCaption, { number: p.number })} form={form} maxlength={500} />
              </div>
            </li>
          );
        })}
      </ol>
    </fieldset>
  );
}
