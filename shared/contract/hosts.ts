import { z } from 'zod';

/** A problem in a config file: what is wrong, in which file, on which line. */
export const ConfigProblem = z.object({
  file: z.string(),
  line: z.number().int(),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
});
export type ConfigProblem = z.infer<typeof ConfigProblem>;

const HostName = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._@-]*$/, 'use letters, digits, dot, dash, underscore and @ only');
const Label = z.string().min(1).max(60).regex(/^[^\s,]+$/, 'no spaces or commas');

export const Host = z.object({
  /** What users call it: the ~/.ssh/config alias or the inventory name. */
  id: z.string(),
  hostname: z.string(),
  port: z.number().int(),
  user: z.string(),
  /** Where it is defined: the user's ssh config, the app's inventory, or both (inventory adds to an alias). */
  source: z.enum(['ssh-config', 'inventory', 'both']),
  /** "~/.ssh/config:12" */
  definedAt: z.string().optional(),
  proxyJump: z.string().optional(),
  identityFile: z.string().optional(),
  groups: z.array(z.string()),
  tags: z.array(z.string()),
  notes: z.string(),
});
export type Host = z.infer<typeof Host>;

/** What the UI may write to the app's inventory file. */
export const HostInput = z.object({
  id: HostName,
  /** Renaming: the entry's current name. */
  previousId: HostName.optional(),
  hostname: z.string().max(255).optional(),
  port: z.number().int().min(1).max(65535).optional(),
  user: z.string().max(64).optional(),
  identityFile: z.string().max(4096).optional(),
  proxyJump: z.string().max(1024).optional(),
  groups: z.array(Label).max(50).default([]),
  tags: z.array(Label).max(50).default([]),
  notes: z.string().max(10_000).default(''),
});
export type HostInput = z.infer<typeof HostInput>;

export const HostList = z.object({
  hosts: z.array(Host),
  problems: z.array(ConfigProblem),
  /** The files read, for the UI to show. */
  sshConfigFiles: z.array(z.string()),
  inventoryFile: z.string(),
});
export type HostList = z.infer<typeof HostList>;
