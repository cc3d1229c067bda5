import type { ChangeEventHandler, ReactNode } from 'react';
import { usePrefs } from '../lib/prefs';
import { fromLocalInput, toLocalInput } from '../lib/time';

/** A form field: a label above the control whose id it is given. */
export function Field({
  id,
  label,
  className,
  children,
}: {
  id: string;
  label: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}

export interface Choice {
  readonly value: string;
  readonly label: string;
}

/** Units, programmes and the like as the choices of a select. */
export const choicesOf = (items: readonly { id: string; name: string }[] | undefined): Choice[] =>
  (items ?? []).map((item) => ({ value: item.id, label: item.name }));

/** A labelled select; `blank` is the label of an empty first choice ("any", "choose…"). */
export function SelectField({
  id,
  label,
  value,
  onChange,
  choices,
  blank,
  required,
}: {
  id: string;
  label: ReactNode;
  value: string;
  onChange: ChangeEventHandler<HTMLSelectElement>;
  choices: readonly Choice[];
  blank?: string;
  required?: boolean;
}) {
  return (
    <Field id={id} label={label}>
      <select id={id} required={required} value={value} onChange={onChange}>
        {blank !== undefined && <option value="">{blank}</option>}
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/**
 * A datetime-local input over an ISO instant, shown and typed as wall-clock time in the
 * chosen zone; `onChange` gets null for what is not a complete date and time.
 */
export function InstantInput({
  id,
  value,
  onChange,
}: {
  id: string;
  value: string | null;
  onChange: (iso: string | null) => void;
}) {
  const { timeZone } = usePrefs();
  return (
    <input
      id={id}
      type="datetime-local"
      value={toLocalInput(value, timeZone)}
      onChange={(event) => onChange(fromLocalInput(event.target.value, timeZone))}
    />
  );
}

/** A group of checkboxes, one per choice; `onToggle` hears which one and whether it is now on. */
export function CheckboxGroup({
  legend,
  choices,
  checked,
  onToggle,
}: {
  legend: ReactNode;
  choices: readonly Choice[];
  checked: readonly string[];
  onToggle: (value: string, on: boolean) => void;
}) {
  return (
    <fieldset className="field field-wide">
      <legend>{legend}</legend>
      <div className="checks">
        {choices.map((choice) => (
          <label key={choice.value} className="check">
            <input
              type="checkbox"
              checked={checked.includes(choice.value)}
              onChange={(e) => onToggle(choice.value, e.target.checked)}
            />
            {choice.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
