import { z } from 'zod';

export const FileEntry = z.object({
  name: z.string(),
  kind: z.enum(['file', 'dir', 'link', 'other']),
  size: z.number(),
  mtimeMs: z.number(),
  /** "-rw-r--r--" as ls shows it. */
  permissions: z.string(),
});
export type FileEntry = z.infer<typeof FileEntry>;

export const Listing = z.object({
  /** The directory actually listed (absolute). */
  path: z.string(),
  entries: z.array(FileEntry),
});
export type Listing = z.infer<typeof Listing>;

const PathField = z.string().max(4096);
const HostField = z.string().min(1).max(255);

export const TransferParams = z.object({
  hostId: HostField,
  direction: z.enum(['upload', 'download']),
  /** On the machine the workbench runs on. */
  localPath: PathField.min(1),
  remotePath: PathField.min(1),
  /** Replace an existing file at the destination. */
  overwrite: z.boolean().default(false),
});

export const TransferEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), bytes: z.number(), total: z.number() }),
  z.object({ type: z.literal('done'), bytes: z.number(), ms: z.number() }),
]);
export type TransferEvent = z.infer<typeof TransferEvent>;

export const RemotePath = z.object({ hostId: HostField, path: PathField });
export const LocalPath = z.object({ path: PathField });
export const RemoteRename = z.object({ hostId: HostField, from: PathField.min(1), to: PathField.min(1) });
export const RemoteRemove = z.object({ hostId: HostField, path: PathField.min(1), kind: z.enum(['file', 'dir']) });
