import type { ComponentPropsWithRef } from 'react';
import { classNames } from './class-names';

/** A styled native <select>: the browser's own list, keyboard and screen-reader behaviour. */
export function Select({ className, ...props }: ComponentPropsWithRef<'select'>) {
  return <select {...props} className={classNames('ui-select', className)} />;
}
