import { z } from 'zod';
import { idSchema, teamRoleNameSchema } from '../../model';
import { postStateSchema } from '../../team/documents';
import { teamActionSchema } from '../../team/review';
import type { MessageSpec } from '../spec';

export type { TeamAction } from '../../team/review';

/**
 * Shared workspaces (issue 23). Through the background: it holds the member's CouchDB password and
 * is the only context that talks to the team server. The password crosses once, in `team.link`,
 * from an extension page; no answer ever carries it.
 */
const syncStatusSchema = z.object({
  lastSyncedAt: z.number().nullable(),
  lastError: z.object({ code: z.string(), message: z.string(), at: z.number() }).nullable(),
});

export const teamStatusSchema = z.object({
  workspaceId: idSchema,
  /** Null: this workspace is not shared from this browser. */
  link: syncStatusSchema
    .extend({ url: z.string(), user: z.string(), db: z.string(), roles: z.array(teamRoleNameSchema), requiresApproval: z.boolean() })
    .nullable(),
  rejected: z.array(z.object({ docId: z.string(), reason: z.string(), at: z.number() })),
  /** Who holds each account of the workspace (its sign-in is in their browser); null: nobody said yet. */
  heldBy: z.array(z.object({ accountId: z.string(), handle: z.string(), network: z.string(), heldBy: z.string().nullable(), isHere: z.boolean() })),
});
export type TeamStatus = z.infer<typeof teamStatusSchema>;

export const teamPostViewSchema = z.object({
  state: postStateSchema,
  sharedWith: z.array(z.string()),
  review: z.object({ by: z.string(), at: z.number(), verdict: z.enum(['approved', 'changes_requested']), comment: z.string() }).nullable(),
  comments: z.array(z.object({ by: z.string(), at: z.number(), text: z.string() })),
  history: z.array(z.object({ by: z.string(), at: z.number(), action: z.string() })),
  roles: z.array(teamRoleNameSchema),
  requiresApproval: z.boolean(),
  user: z.string(),
});
export type TeamPostView = z.infer<typeof teamPostViewSchema>;

const syncReportSchema = z.object({
  pulled: z.number(),
  pushed: z.number(),
  rejected: z.number(),
  refused: z.array(z.object({ docId: z.string(), reason: z.string() })),
});

export const TEAM_PROTOCOL = {
  'team.status': { from: ['extension'], input: z.object({ workspaceId: idSchema }), output: teamStatusSchema },
  /** Share this workspace (`share`), or join one the team shares (`join`, made here if it is new), then sync once. */
  'team.link': {
    from: ['extension'],
    input: z.object({
      mode: z.enum(['share', 'join']),
      workspaceId: z.string().trim().min(1).max(101),
      /** For `join` when the workspace is new here. */
      name: z.string().trim().max(80).optional(),
      url: z.string().trim().min(1).max(2_000),
      user: z.string().trim().min(1).max(200),
      password: z.string().min(1).max(1_000),
    }),
    output: teamStatusSchema,
  },
  'team.unlink': { from: ['extension'], input: z.object({ workspaceId: idSchema }), output: z.object({}) },
  'team.sync': { from: ['extension'], input: z.object({ workspaceId: idSchema }), output: syncReportSchema.nullable() },
  'team.post': { from: ['extension'], input: z.object({ postId: idSchema }), output: teamPostViewSchema.nullable() },
  'team.act': {
    from: ['extension'],
    input: z.object({ postId: idSchema, action: teamActionSchema, comment: z.string().max(5_000) }),
    output: teamPostViewSchema,
  },
} as const satisfies Record<string, MessageSpec>;
