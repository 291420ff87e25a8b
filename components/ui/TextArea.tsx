import type { ComponentPropsWithRef } from 'react';
import { classNames } from './class-names';

/** A multi-line text field. */
export function TextArea({ className, ...props }: ComponentPropsWithRef<'textarea'>) {
  return <textarea {...props} className={classNames('ui-field', className)} />;
}
