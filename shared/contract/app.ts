import { z } from 'zod';
import { Notice } from './notices';

export const AppInfo = z.object({
  /** Which host serves this window: the Electron app or the web host. */
  host: z.enum(['desktop', 'web']),
  version: z.string(),
  platform: z.string(),
  /** The user config directory (settings, inventory, history). */
  dataDir: z.string(),
  notices: z.array(Notice),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const ExternalUrl = z.object({
  url: z.url({ protocol: /^https?$/, error: 'only http and https links open outside the app' }),
});

export const Diagnostics = z.object({
  /** Memory of the process that runs the services, in MB. */
  rssMb: z.number(),
  heapUsedMb: z.number(),
  externalMb: z.number(),
  terminals: z.number().int(),
  sshConnections: z.number().int(),
  forwards: z.number().int(),
  /** Open clusters, running informers and the rows they hold. */
  kube: z.object({ clusters: z.number().int(), informers: z.number().int(), rows: z.number().int(), forwards: z.number().int() }).optional(),
  /** Open log views, the lines they hold and an estimate of their memory. */
  logs: z.object({ views: z.number().int(), lines: z.number().int(), bytes: z.number() }).optional(),
  uptimeS: z.number(),
});
export type Diagnostics = z.infer<typeof Diagnostics>;
