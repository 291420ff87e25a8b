import { useCallback, useState } from 'react';

/** The calendar's one feedback line: what the last action did, and its Undo when it has one. */
export interface Notice {
  text: string;
  undo: (() => Promise<void>) | null;
}

export type Say = (text: string, undo?: (() => Promise<void>) | null) => void;

export function useNotice(): { notice: Notice; say: Say } {
  const [notice, setNotice] = useState<Notice>({ text: '', undo: null });
  const say = useCallback<Say>((text, undo = null) => setNotice({ text, undo }), []);
  return { notice, say };
}
