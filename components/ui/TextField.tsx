import type { ComponentPropsWithRef } from 'react';
import { classNames } from './class-names';

/** A text-like <input> (text, search, number, date, time, url, file…); checkboxes are Checkbox. */
export function TextField({ className, ...props }: ComponentPropsWithRef<'input'>) {
  return <input {...props} className={classNames('ui-field', className)} />;
}
