import type { ComponentPropsWithRef } from 'react';
import { classNames } from './class-names';

/** A button that shows only an icon: `label` is its accessible name and its tooltip. */
export function IconButton({ label, className, children, ...props }: Omit<ComponentPropsWithRef<'button'>, 'aria-label'> & { label: string }) {
  return (
    <button type="button" {...props} aria-label={label} title={label} className={classNames('ui-icon-button', className)}>
      <span aria-hidden="true">{children}</span>
    </button>
  );
}
