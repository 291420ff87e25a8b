import { describe, expect, it } from 'vitest';
import { copiedExperiment, experimentArms, leaveExperiment, nextArm, setQuestion, startExperiment } from '@/lib/compose/experiment';
import { postSchema } from '@/lib/model';
import { openStore } from '@/lib/store';
import { makePost } from '../factories';

describe('A/B experiments in Compose', () => {
  it('starts as arm A with its question, and a copy becomes the next free arm of the same test', () => {
    const a = setQuestion(startExperiment(makePost({ workspaceId: 'ws_1' })), 'Does a question get more replies?');
    expect(a.experiment).toEqual({ id: expect.stringMatching(/^exp_/), arm: 'A', question: 'Does a question get more replies?' });
    expect(copiedExperiment(a, ['A'])).toEqual({ ...a.experiment, arm: 'B' });
    expect(copiedExperiment(a, ['A', 'B', 'D'])).toEqual({ ...a.experiment, arm: 'C' });
    expect(copiedExperiment(leaveExperiment(a), ['A'])).toBeNull();
    expect(nextArm([...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'])).toBe('A2');
  });

  it('reads a row stored before questions were kept, with an empty question', () => {
    const old = { ...makePost(), experiment: { id: 'exp_1', arm: 'B' } };
    expect(postSchema.parse(old).experiment).toEqual({ id: 'exp_1', arm: 'B', question: '' });
  });

  it('lists the arms of one test in one workspace, arm by arm', async () => {
    const store = await openStore();
    const experiment = { id: 'exp_1', arm: 'B', question: 'q' };
    await store.posts.put(makePost({ id: 'post_b', workspaceId: 'ws_1', text: 'B words', experiment }));
    await store.posts.put(makePost({ id: 'post_a', workspaceId: 'ws_1', text: 'A words', experiment: { ...experiment, arm: 'A' } }));
    await store.posts.put(makePost({ id: 'post_other', workspaceId: 'ws_1', experiment: { ...experiment, id: 'exp_2' } }));
    await store.posts.put(makePost({ id: 'post_elsewhere', workspaceId: 'ws_2', experiment }));
    expect(await experimentArms(store, 'ws_1', 'exp_1')).toEqual([
      { postId: 'post_a', arm: 'A', text: 'A words' },
      { postId: 'post_b', arm: 'B', text: 'B words' },
    ]);
    store.close();
  });
});
