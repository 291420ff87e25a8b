import { Radio } from '../ui/Radio';
/** A colour as a radio group of swatches, each with its hex value as its name for screen readers. */
export function ColorField({
  legend,
  name,
  value,
  onChange,
  colors,
}: {
  legend: string;
  name: string;
  value: string;
  onChange: (color: string) => void;
  colors: readonly string[];
}) {
  const choices = colors.includes(value) ? colors : [value, ...colors];
  return (
    <fieldset className="color-field">
      <legend>{legend}</legend>
      {choices.map((color) => (
        <label key={color} className="color-field__choice">
          <Radio name={name} value={color} checked={value === color} onChange={() => onChange(color)} aria-label={color} />
          <span className="color-field__swatch" style={{ background: color }} aria-hidden="true" />
        </label>
      ))}
    </fieldset>
  );
}
