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
import { FailedNote } from './FailedNote';
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
import { TeamReview } from './TeamReview';
import { QueueCheckNote } from './QueueCheckNote';
import { ScheduleActions } from './ScheduleActions';
import { TemplateMenu } from './TemplateMenu';
import { useDraft } from './use-draft';
import { useTemplates } from './use-templates';
import { useUntick } from './use-untick';
import { UtmFields } from './UtmFields';
import { VariantEditor } from './VariantEditor';
import { Button } from '../ui/Button';
import { Section } from '../ui/Section';
import {
  canFirstComment,
  evergreenSummary,
  experimentSummary,
  firstCommentSummary,
  hasNetworkControls,
  labelsSummary,
  networkSummary,
  optionsSummary,
  templatesSummary,
  utmSummary,
} from './option-summaries';
import { LoadingState } from '../ui/LoadingState';

const NO_DELIVERIES: never[] = [];

export function Composer({ workspace, accounts }: { workspace: Workspace; accounts: Account[] }) {
  const draft = useDraft(workspace.id, accounts);
  const templates = useTemplates(workspace.id);
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
  if (!post) return <LoadingState label="Opening your draft…" rows={2} />;
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
      <FailedNote deliveries={deliveries ?? NO_DELIVERIES} accounts={accounts} />
      <QueuedNotice
        deliveries={deliveries ?? NO_DELIVERIES}
        accounts={accounts}
        zone={workspace.timeZone}
        notice={notice}
        onUnschedule={(waiting) => void takeBack(waiting, 'Unscheduled this post')}
      />
      <TeamReview key={post.id} postId={post.id} workspaceId={workspace.id} />
      <fieldset className="compose__body" disabled={Boolean(lock)}>
        <AccountPicker accounts={accounts} post={post} clip={clip} edit={draft.edit} onUntick={(account) => void untick(account)} />
        {/* The writing first: text and its media on the left, the live preview beside it (below it when narrow), the one primary action under the text. */}
        <div className="compose__main">
          <div className="compose__writing">
            <VariantEditor post={post} accounts={chosen} tab={tab} onTab={setTab} edit={draft.edit} textRef={textBox} />
            <LinkCardPreview post={post} clip={clip} edit={draft.edit} />
            <MediaAttach post={post} clip={clip} accounts={chosen} edit={draft.edit} />
            <QueueCheckNote post={post} accounts={chosen} />
            <MediaWarnings post={post} accounts={chosen} />
          </div>
          <ScheduleActions workspace={workspace} accounts={chosen} draft={draft} onQueued={() => setTab('shared')} />
          <PostPreview post={post} accounts={chosen} clip={clip} />
        </div>
        <div className="compose__more" aria-label="More options" role="group">
          <Section title="Templates and snippets" summary={templatesSummary(templates.templates)}>
            <TemplateMenu
              handle={templates}
              currentText={() => (tab === 'shared' ? post.text : textFor(post, tab))}
              onInsert={(template) => insertSnippet(textBox, tab, fillPlaceholders(template.text, clip), draft.edit)}
            />
          </Section>
          {canFirstComment(chosen) ? (
            <Section title="First comment" summary={firstCommentSummary(post)}>
              <FirstComment post={post} accounts={chosen} edit={draft.edit} />
            </Section>
          ) : null}
          <Section title="Link tracking" summary={utmSummary(post)}>
            <UtmFields post={post} accounts={chosen} edit={draft.edit} />
          </Section>
          <Section title="Language and audience" summary={optionsSummary(post, chosen)}>
            <PostOptions post={post} accounts={chosen} edit={draft.edit} />
          </Section>
          {hasNetworkControls(chosen) ? (
            <Section title="Each network’s controls" summary={networkSummary(post)}>
              <NetworkControls post={post} clip={clip} accounts={chosen} edit={draft.edit} />
            </Section>
          ) : null}
          <Section title="Campaign and pillar" summary={labelsSummary(post)}>
            <LabelFields post={post} edit={draft.edit} />
          </Section>
          <Section title="Evergreen" summary={evergreenSummary(post)}>
            <EvergreenField key={post.id} post={post} edit={draft.edit} />
          </Section>
          <Section title="A/B test" summary={experimentSummary(post)} isOpenAtFirst={post.experiment !== null}>
            <ExperimentField post={post} draft={draft} />
          </Section>
        </div>
      </fieldset>
      <p className="compose__saved" aria-live="polite">
        {draft.saveError ?? 'Drafts save themselves as you type.'}
      </p>
    </section>
  );
}
