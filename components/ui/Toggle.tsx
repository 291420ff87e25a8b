import type { ReactNode } from 'react';

/** An on/off switch (role="switch"): for a setting that takes effect at once, unlike a form's Checkbox. */
export function Toggle({
  isOn,
  onChange,
  children,
  isDisabled = false,
}: {
  isOn: boolean;
  onChange: (isOn: boolean) => void;
  children: ReactNode;
  isDisabled?: boolean;
}) {
  return (
    <button type="button" role="switch" aria-checked={isOn} disabled={isDisabled} className="ui-toggle" onClick={() => onChange(!isOn)}>
      <span className="ui-toggle__track" aria-hidden="true" />
      <span>{children}</span>
    </button>
  );
}
