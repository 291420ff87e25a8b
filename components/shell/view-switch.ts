import { createContext, useContext } from 'react';
import type { ViewId } from './views';

/** Lets a view send the user to another one (the Queue's "Compose from this") without owning the shell's state. */
export const ViewSwitchContext = createContext<((view: ViewId) => void) | null>(null);

export function useViewSwitch(): ((view: ViewId) => void) | null {
  return useContext(ViewSwitchContext);
}
