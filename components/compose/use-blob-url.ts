import { useEffect, useState } from 'react';
import { getMedia, isStoredSrc, keyOfSrc } from '@/lib/compose/media-store';

/** A URL an <img> can show for a post's media src: the web URL itself, or an object URL of the stored blob. */
export function useBlobUrl(src: string): { url: string | null; error: string | null } {
  const [state, setState] = useState<{ url: string | null; error: string | null }>({ url: isStoredSrc(src) ? null : src, error: null });
  useEffect(() => {
    if (!isStoredSrc(src)) {
      setState({ url: src, error: null });
      return;
    }
    let url: string | null = null;
    let alive = true;
    getMedia(keyOfSrc(src)).then(
      (row) => {
        if (!alive) return;
        url = URL.createObjectURL(row.blob);
        setState({ url, error: null });
      },
      (error: unknown) => alive && setState({ url: null, error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      alive = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [src]);
  return state;
}
