// The provision fields of the article editor (modules/provision/record.ts):
// plain form fields, so the editor keeps working without JavaScript.
import { SelectField, TextField, type FormState, type Option } from '../../ui/components/form.tsx';
import { format, type Lang } from '../../ui/i18n.ts';
import { CATEGORY_DEFINITIONS, PROVISION_CATEGORIES, RECEIVED_VIA, RECEIVED_VIA_LABELS } from '../../core/provision/index.ts';
import { provisionFieldText } from './record.ts';

export function ProvisionFieldset(props: { lang: Lang; form: FormState; board: Option[]; boardLabel: string }): JSX.Element {
  const t = provisionFieldText[props.lang];
  const board = { board: props.boardLabel };
  const { form } = props;
  return (
    <>
      <h2>{t.heading}</h2>
      <input type="hidden" name="provisionFields" value="1" />
      <TextField name="receivedAt" type="datetime-local" label={format(t.receivedAt, board)} hint={t.receivedAtHint} form={form} />
      <SelectField name="receivedVia" label={t.receivedVia} form={form} options={RECEIVED_VIA.map((v) => ({ value: v, label: RECEIVED_VIA_LABELS[v][props.lang] }))} emptyLabel={t.nobody} />
      <SelectField name="provisionCategory" label={t.category} form={form} options={PROVISION_CATEGORIES.map((c) => ({ value: c, label: CATEGORY_DEFINITIONS[c][props.lang] }))} emptyLabel={t.noCategory} />
      <SelectField name="vouchedBy" label={format(t.vouchedBy, board)} form={form} options={props.board} emptyLabel={t.nobody} />
    </>
  );
}
