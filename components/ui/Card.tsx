import type { ComponentPropsWithRef } from 'react';
import { classNames } from './class-names';

/** A surface that groups one thing (a clip, a post, a figure). */
export function Card({ className, ...props }: ComponentPropsWithRef<'div'>) {
  return <div {...props} className={classNames('ui-card', className)} />;
}
