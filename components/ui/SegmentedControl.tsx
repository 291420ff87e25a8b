import { focusOption, rovingIndex } from './roving-keys';

export interface Segment<T extends string> {
  value: T;
  label: string;
}

/** A few mutually exclusive choices shown side by side (a radio group; arrow keys move the choice). */
export function SegmentedControl<T extends string>({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: readonly Segment<T>[];
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <div role="radiogroup" aria-label={label} className="ui-segmented">
      {options.map((option, i) => (
        <button
          key={option.value}
          type="button"
          role="radio"
          aria-checked={option.value === value}
          tabIndex={option.value === value ? 0 : -1}
          className="ui-segmented__option"
          onClick={() => onChange(option.value)}
          onKeyDown={(event) => {
            const next = rovingIndex(event, i, options.length);
            if (next === null) return;
            onChange(options[next]!.value);
            focusOption(event, '[role="radio"]', next);
          }}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}
