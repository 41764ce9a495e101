import { z } from 'zod';

/** A question main asks while connecting. Secrets typed in answer go back once and are not kept by the renderer. */
export const SshPrompt = z.discriminatedUnion('kind', [
  z.object({
    id: z.string(),
    kind: z.literal('host-key'),
    /** "web-1 (127.0.0.1:2222)" */
    target: z.string(),
    keyType: z.string(),
    fingerprint: z.string(),
    /** Where an accepted key is written. */
    knownHostsFile: z.string(),
  }),
  z.object({
    id: z.string(),
    kind: z.enum(['password', 'passphrase']),
    /** "deploy@web-1 (127.0.0.1:2222)" or the key file. */
    target: z.string(),
    /** Set when a previous attempt failed: "wrong password, try again". */
    retry: z.string().optional(),
    canRemember: z.boolean(),
  }),
  z.object({
    id: z.string(),
    kind: z.literal('keyboard-interactive'),
    target: z.string(),
    name: z.string(),
    instructions: z.string(),
    prompts: z.array(z.object({ prompt: z.string(), echo: z.boolean() })),
    retry: z.string().optional(),
  }),
]);
export type SshPrompt = z.infer<typeof SshPrompt>;

export const PromptAnswer = z.object({
  /** The user closed the question without answering. */
  cancel: z.boolean().default(false),
  /** For host keys: trust this key. */
  accept: z.boolean().optional(),
  /** Password, passphrase, or one value per keyboard-interactive prompt. */
  values: z.array(z.string().max(8192)).max(16).optional(),
  /** Keep the secret in the secret store. */
  remember: z.boolean().default(false),
});
export type PromptAnswer = z.infer<typeof PromptAnswer>;

export const ConnectionStateName = z.enum(['connecting', 'connected', 'lost', 'reconnecting', 'failed', 'closed']);
export type ConnectionStateName = z.infer<typeof ConnectionStateName>;

export const SshFailureKind = z.enum(['dns', 'refused', 'timeout', 'auth', 'host-key-changed', 'host-key-rejected', 'host-key-revoked', 'lost', 'protocol']);

/** The state of one pooled SSH connection, as tabs and the hosts list show it. */
export const ConnectionState = z.object({
  hostId: z.string(),
  /** user@host:port (via the jump hosts). */
  target: z.string(),
  state: ConnectionStateName,
  /** Reconnection attempt number, from 1. */
  attempt: z.number().int().optional(),
  /** When the next attempt starts. */
  nextRetryInMs: z.number().int().optional(),
  /** Why it failed or was lost, in words. */
  reason: z.string().optional(),
  failure: SshFailureKind.optional(),
});
export type ConnectionState = z.infer<typeof ConnectionState>;
