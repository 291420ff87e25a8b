import type { ComponentPropsWithRef } from 'react';
import { classNames } from './class-names';

export type ButtonVariant = 'primary' | 'secondary' | 'quiet' | 'danger';

/**
 * The one button of every view (issue 24). A native <button> underneath: its type, name, focus and
 * keyboard behaviour are the browser's. One primary button per view says what the view is for.
 */
export function Button({
  variant = 'secondary',
  isSmall = false,
  className,
  ...props
}: ComponentPropsWithRef<'button'> & { variant?: ButtonVariant; isSmall?: boolean }) {
  return <button {...props} className={classNames('ui-button', `ui-button--${variant}`, isSmall && 'ui-button--small', className)} />;
}
