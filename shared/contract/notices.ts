import { z } from 'zod';

/** Something main wants the user to know that is not the answer to a call (a settings file set aside). */
export const Notice = z.object({
  id: z.string(),
  level: z.enum(['info', 'warning', 'error']),
  title: z.string(),
  message: z.string(),
  /** A file and line, a host: where to look. */
  where: z.string().optional(),
});
export type Notice = z.infer<typeof Notice>;
