import { useState } from 'react';
import type { MessageOutput } from '@/lib/messaging';
import type { Workspace } from '@/lib/model';
import { errorText } from '../common/error-text';
import { useServices } from '../data/store-context';
import { pauseWords, resumeWords } from './queue-pause-words';

/** Pause queue / Resume queue for one workspace: the background does the work, this says what it did. */
export function useQueuePause(workspace: Pick<Workspace, 'id' | 'name'> | null) {
  const { request } = useServices();
  const [status, setStatus] = useState('');
  const [notBack, setNotBack] = useState<MessageOutput<'queue.resume'>['notBack']>([]);
  const [isBusy, setBusy] = useState(false);
  const run = async (what: 'pause' | 'resume') => {
    if (!workspace) return;
    setBusy(true);
    setStatus(what === 'pause' ? 'Pausing the queue…' : 'Resuming the queue…');
    setNotBack([]);
    try {
      if (what === 'pause') setStatus(pauseWords(await request('queue.pause', { workspaceId: workspace.id }), workspace.name));
      else {
        const report = await request('queue.resume', { workspaceId: workspace.id });
        setNotBack(report.notBack);
        setStatus(resumeWords(report, workspace.name));
      }
    } catch (error) {
      setStatus(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  const clear = () => {
    setStatus('');
    setNotBack([]);
  };
  return { pause: () => run('pause'), resume: () => run('resume'), status, notBack, isBusy, clear };
}
