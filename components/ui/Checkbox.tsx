import type { ComponentPropsWithRef } from 'react';
import { classNames } from './class-names';

/** A native checkbox in the accent colour; wrap it in a <label> with its words. */
export function Checkbox({ className, ...props }: Omit<ComponentPropsWithRef<'input'>, 'type'>) {
  return <input {...props} type="checkbox" className={classNames('ui-check', className)} />;
}
