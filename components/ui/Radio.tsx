import type { ComponentPropsWithRef } from 'react';
import { classNames } from './class-names';

/** A native radio button in the accent colour; wrap it in a <label> with its words. */
export function Radio({ className, ...props }: Omit<ComponentPropsWithRef<'input'>, 'type'>) {
  return <input {...props} type="radio" className={classNames('ui-check', className)} />;
}
