import { z } from 'zod';

export const ForwardSpec = z.discriminatedUnion('kind', [
  /** ssh -L bindPort:destHost:destPort */
  z.object({
    kind: z.literal('local'),
    hostId: z.string().min(1).max(255),
    bindAddress: z.string().max(255).default('127.0.0.1'),
    /** 0: any free port. */
    bindPort: z.number().int().min(0).max(65535),
    destHost: z.string().min(1).max(255),
    destPort: z.number().int().min(1).max(65535),
  }),
  /** ssh -D bindPort: a SOCKS5 proxy through the host. */
  z.object({
    kind: z.literal('dynamic'),
    hostId: z.string().min(1).max(255),
    bindAddress: z.string().max(255).default('127.0.0.1'),
    bindPort: z.number().int().min(0).max(65535),
  }),
]);
export type ForwardSpec = z.infer<typeof ForwardSpec>;

export const Forward = z.object({
  id: z.string(),
  kind: z.enum(['local', 'dynamic']),
  hostId: z.string(),
  bindAddress: z.string(),
  bindPort: z.number().int(),
  destHost: z.string().optional(),
  destPort: z.number().int().optional(),
  state: z.enum(['starting', 'listening', 'failed', 'stopped']),
  /** Why it failed (port in use, host unreachable...). */
  error: z.string().optional(),
  /** Tunnelled connections open now, and since the start. */
  active: z.number().int(),
  total: z.number().int(),
});
export type Forward = z.infer<typeof Forward>;
