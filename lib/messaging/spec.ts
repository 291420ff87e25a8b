import type { z } from 'zod';

/** Which context may send a message: content scripts only capture; extension pages command. */
export type SenderContext = 'content' | 'extension';

export interface MessageSpec {
  from: readonly SenderContext[];
  input: z.ZodType;
  output: z.ZodType;
}
