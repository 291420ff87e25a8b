import { useEffect } from 'react';

/** `system` follows prefers-color-scheme through CSS; light/dark pin it with a data attribute. */
export function useTheme(theme: 'system' | 'light' | 'dark') {
  useEffect(() => {
    if (theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  }, [theme]);
}
