import { useEffect, useRef, useState } from 'react';
import { fillPlaceholders } from '@/lib/compose/templates';
import { textFor } from '@/lib/compose/post-draft';
import type { Account, Workspace } from '@/lib/model';
import { editLock, publishedNote } from '@/lib/schedule/edit-lock';
import { usePostDeliveries } from '../data/posts';
import { useNotice } from '../common/use-notice';
import { useTakeBack } from '../common/use-take-back';
import { AccountPicker } from './AccountPicker';
import { EvergreenField } from './EvergreenField';
import { ExperimentField } from './ExperimentField';
import { FirstComment } from './FirstComment';
import { insertSnippet } from './insert-snippet';
import { LabelFields } from './LabelFields';
import { LinkCardPreview } from './LinkCardPreview';
import { MediaAttach } from './MediaAttach';
import { MediaWarnings } from './MediaWarnings';
import { NetworkControls } from './NetworkControls';
import { PostOptions } from './PostOptions';
import { PostPreview } from './PostPreview';
import { QueuedNotice } from './QueuedNotice';
import { QueueCheckNote } from './QueueCheckNote';
import { ScheduleActions } from './ScheduleActions';
import { TemplateMenu } from './TemplateMenu';
import { useDraft } from './use-draft';
import { useUntick } from './use-untick';
import { UtmFields } from './UtmFields';
import { VariantEditor } from './VariantEditor';
import { Button } from '../ui/Button';

const NO_DELIVERIES: never[] = [];

export function Composer({ workspace, accounts }: { workspace: Workspace; accounts: Account[] }) {
  const draft = useDraft(workspace.id, accounts);
  const [tab, setTab] = useState<string>('shared');
  const textBox = useRef<HTMLTextAreaElement | null>(null);
  const { post, clip } = draft;
  const postId = post?.id ?? null;
  const deliveries = usePostDeliveries(postId);
  const lock = deliveries ? editLock(deliveries) : null;
  const note = deliveries && !lock ? publishedNote(deliveries) : null;
  const { notice, say } = useNotice();
  const takeBack = useTakeBack(say);
  useEffect(() => say(''), [postId, say]); // the feedback and its Undo are about the post it came from
  const untick = useUntick(post, deliveries ?? NO_DELIVERIES, workspace.timeZone, draft.edit, say);
  if (!post) return <p aria-busy="true">Opening your draft…</p>;
  const chosen = accounts.filter((account) => post.variants.some((variant) => variant.accountId === account.id));
  return (
    <section aria-label="Compose" className="compose">
      <h2 className="view-title">Compose</h2>
      {clip ? <p className="compose__source">Starting from “{clip.title}”</p> : null}
      {lock ? (
        <div className="compose__locked" role="status" data-testid="compose-locked">
          <p>{lock}</p>
          <Button type="button" onClick={() => void draft.copyToNew()}>
            Copy to a new draft
          </Button>
        </div>
      ) : null}
      {note ? (
        <p className="compose__published" role="note" data-testid="compose-published">
          {note}
        </p>
      ) : null}
      <QueuedNotice
        deliveries={deliveries ?? NO_DELIVERIES}
        accounts={accounts}
        zone={workspace.timeZone}
        notice={notice}
        onUnschedule={(waiting) => void takeBack(waiting, 'Unscheduled this post')}
      />
      <fieldset className="compose__body" disabled={Boolean(lock)}>
        <AccountPicker accounts={accounts} post={post} clip={clip} edit={draft.edit} onUntick={(account) => void untick(account)} />
        <TemplateMenu
          workspaceId={workspace.id}
          currentText={() => (tab === 'shared' ? post.text : textFor(post, tab))}
          onInsert={(template) => insertSnippet(textBox, tab, fillPlaceholders(template.text, clip), draft.edit)}
        />
        <VariantEditor post={post} accounts={chosen} tab={tab} onTab={setTab} edit={draft.edit} textRef={textBox} />
        <PostPreview post={post} accounts={chosen} />
        <LinkCardPreview post={post} clip={clip} edit={draft.edit} />
        <MediaAttach post={post} clip={clip} accounts={chosen} edit={draft.edit} />
        <FirstComment post={post} accounts={chosen} edit={draft.edit} />
        <UtmFields post={post} accounts={chosen} edit={draft.edit} />
        <PostOptions post={post} accounts={chosen} edit={draft.edit} />
        <NetworkControls post={post} clip={clip} accounts={chosen} edit={draft.edit} />
        <LabelFields post={post} edit={draft.edit} />
        <EvergreenField key={post.id} post={post} edit={draft.edit} />
        <ExperimentField post={post} draft={draft} />
        <QueueCheckNote post={post} accounts={chosen} />
        <MediaWarnings post={post} accounts={chosen} />
        <ScheduleActions workspace={workspace} accounts={chosen} draft={draft} onQueued={() => setTab('shared')} />
      </fieldset>
      <p className="compose__saved" aria-live="polite">
        {draft.saveError ?? 'Drafts save themselves as you type.'}
      </p>
    </section>
  );
}
