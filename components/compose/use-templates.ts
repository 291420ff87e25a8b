import { useCallback, useEffect, useState } from 'react';
import type { Template } from '@/lib/compose/media-db';
import { createTemplate, deleteTemplate, listTemplates, renameTemplate } from '@/lib/compose/templates';
import { errorText } from '../common/error-text';

/** The workspace's templates, re-read after each change made here. */
export function useTemplates(workspaceId: string) {
  const [templates, setTemplates] = useState<Template[] | null>(null);
  const [status, setStatus] = useState('');
  const reload = useCallback(async () => setTemplates(await listTemplates(workspaceId)), [workspaceId]);
  useEffect(() => {
    reload().catch((error: unknown) => setStatus(errorText(error)));
  }, [reload]);
  const run = useCallback(
    async (action: () => Promise<unknown>, done: string): Promise<boolean> => {
      try {
        await action();
        await reload();
        setStatus(done);
        return true;
      } catch (error) {
        setStatus(errorText(error));
        return false;
      }
    },
    [reload],
  );
  return {
    templates,
    status,
    create: (name: string, text: string) => run(() => createTemplate({ workspaceId, name, text }, Date.now()), `Saved “${name.trim()}”.`),
    rename: (id: string, name: string) => run(() => renameTemplate(id, name, Date.now()), `Renamed to “${name.trim()}”.`),
    remove: (template: Template) => run(() => deleteTemplate(template.id), `Deleted “${template.name}”.`),
    say: setStatus,
  };
}
