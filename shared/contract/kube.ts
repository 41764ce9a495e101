// Kubernetes: contexts from kubeconfig files, connections to their clusters,
// live tables of any kind (informers in main, diffs to the renderer), an
// object's YAML, events and relations, and the actions users take on them.
import { z } from 'zod';
import { ConfigProblem } from './hosts';

export const ContextName = z.string().min(1).max(253);
const Name = z.string().min(1).max(253);
/** '' for cluster-scoped objects. */
const Namespace = z.string().max(63);

export const KubeAuthKind = z.enum(['token', 'client-cert', 'exec', 'auth-provider', 'basic', 'none']);

export const KubeContext = z.object({
  name: z.string(),
  cluster: z.string(),
  user: z.string(),
  /** The context's default namespace, if it names one. */
  namespace: z.string().optional(),
  server: z.string(),
  /** The kubeconfig file that defines the context (the first one, when several do). */
  file: z.string(),
  auth: KubeAuthKind,
  /** The credential plugin's command, for `exec` users. */
  execCommand: z.string().optional(),
  proxyUrl: z.string().optional(),
  /** The `current-context` of the first file that sets one. */
  current: z.boolean(),
});
export type KubeContext = z.infer<typeof KubeContext>;

export const KubeContextList = z.object({
  contexts: z.array(KubeContext),
  /** A file that could not be read or parsed, and why; its valid parts are still used. */
  problems: z.array(ConfigProblem),
  /** The kubeconfig files read, in merge order. */
  files: z.array(z.string()),
});
export type KubeContextList = z.infer<typeof KubeContextList>;

/** A kind of object in one cluster, as discovery names it. */
export const KubeResource = z.object({
  /** '' for the core group. */
  group: z.string().max(253),
  version: z.string().min(1).max(63),
  /** The plural, lower case: `pods`, `deployments`. */
  resource: z.string().min(1).max(253),
});
export type KubeResource = z.infer<typeof KubeResource>;

export const KindCategory = z.enum(['Cluster', 'Workloads', 'Config', 'Network', 'Storage', 'Access Control', 'Custom Resources', 'Other']);
export type KindCategory = z.infer<typeof KindCategory>;

export const KubeKind = KubeResource.extend({
  kind: z.string(),
  namespaced: z.boolean(),
  verbs: z.array(z.string()),
  shortNames: z.array(z.string()),
  /** `scale`, `status`, `log`, `exec`, `portforward`, `eviction`... */
  subresources: z.array(z.string()),
  category: KindCategory,
  /** Served by a CustomResourceDefinition. */
  custom: z.boolean(),
});
export type KubeKind = z.infer<typeof KubeKind>;

export const KubeFailure = z.enum(['unreachable', 'timeout', 'tls', 'unauthorized', 'forbidden', 'credential-plugin', 'config', 'protocol']);
export type KubeFailure = z.infer<typeof KubeFailure>;

export const KubeConnection = z.object({
  context: z.string(),
  state: z.enum(['disconnected', 'connecting', 'connected', 'failed']),
  /** The API server's gitVersion, once connected. */
  version: z.string().optional(),
  /** Every kind the cluster serves, once connected; sent again when CRDs come and go. */
  kinds: z.array(KubeKind).optional(),
  failure: KubeFailure.optional(),
  /** What went wrong, in words (a credential plugin's stderr included). */
  error: z.string().optional(),
});
export type KubeConnection = z.infer<typeof KubeConnection>;

export const ColumnType = z.enum(['text', 'number', 'age', 'status']);
export const KubeColumn = z.object({
  id: z.string(),
  title: z.string(),
  type: ColumnType,
  /** Narrow columns (ready, restarts) get less room. */
  width: z.number().int().optional(),
});
export type KubeColumn = z.infer<typeof KubeColumn>;

/** One object as a table row. `created` is epoch ms; cells follow the columns. */
export const KubeRow = z.object({
  uid: z.string(),
  namespace: z.string(),
  name: z.string(),
  created: z.number(),
  cells: z.array(z.union([z.string(), z.number(), z.null()])),
});
export type KubeRow = z.infer<typeof KubeRow>;

export const ViewParams = z.object({
  context: ContextName,
  resource: KubeResource,
  /** Only these namespaces; empty is all of them. */
  namespaces: z.array(Namespace).max(1000).default([]),
  /** A label selector (`app=web,tier in (a,b),!canary`), applied as rows arrive. */
  labelSelector: z.string().max(2000).default(''),
});
export type ViewParams = z.infer<typeof ViewParams>;

export const ViewPhase = z.enum(['listing', 'watching', 'relisting', 'backoff', 'forbidden', 'error']);
export type ViewPhase = z.infer<typeof ViewPhase>;

/**
 * A live table: `columns` first, then `reset` (drop every row) and `rows`
 * diffs, at most one per frame. `status` says where the informer stands.
 */
export const ViewEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('columns'), columns: z.array(KubeColumn) }),
  z.object({ type: z.literal('reset') }),
  z.object({ type: z.literal('rows'), upserts: z.array(KubeRow), deletes: z.array(z.string()) }),
  z.object({
    type: z.literal('status'),
    phase: ViewPhase,
    /** Rows matching the view now. */
    count: z.number().int(),
    message: z.string().optional(),
    retryInMs: z.number().int().optional(),
  }),
]);
export type ViewEvent = z.infer<typeof ViewEvent>;

export const ObjectRef = z.object({
  context: ContextName,
  resource: KubeResource,
  namespace: Namespace.default(''),
  name: Name,
});
export type ObjectRef = z.infer<typeof ObjectRef>;

export const KubeObjectYaml = z.object({
  yaml: z.string(),
  kind: z.string(),
  apiVersion: z.string(),
  uid: z.string(),
  resourceVersion: z.string(),
  /** Secret values are replaced by a mask: the YAML is shown, not editable. */
  masked: z.boolean(),
  /** Pods: their containers, for exec, logs and port-forward. */
  containers: z
    .array(z.object({ name: z.string(), ports: z.array(z.object({ port: z.number().int(), name: z.string().optional(), protocol: z.string() })), init: z.boolean() }))
    .optional(),
});
export type KubeObjectYaml = z.infer<typeof KubeObjectYaml>;

export const ApplyRequest = ObjectRef.extend({
  yaml: z.string().min(1).max(5_000_000),
  /** The resourceVersion the user started editing from: a newer one on the server is a conflict. */
  resourceVersion: z.string().max(64),
});

export const KubeEvent = z.object({
  type: z.string(),
  reason: z.string(),
  message: z.string(),
  count: z.number().int(),
  /** Epoch ms. */
  firstSeen: z.number().nullable(),
  lastSeen: z.number().nullable(),
  source: z.string(),
});
export type KubeEvent = z.infer<typeof KubeEvent>;

export const RelatedObject = z.object({
  resource: KubeResource,
  kind: z.string(),
  namespace: z.string(),
  name: z.string(),
  /** A word on its state: "3/3 ready", "Running", "Ready". */
  status: z.string().optional(),
});
export type RelatedObject = z.infer<typeof RelatedObject>;

export const Related = z.object({
  owners: z.array(RelatedObject),
  owned: z.array(RelatedObject),
  /** Where a pod runs. */
  node: RelatedObject.optional(),
});
export type Related = z.infer<typeof Related>;

export const DrainRequest = z.object({
  context: ContextName,
  node: Name,
  /** Leave DaemonSet pods (they would come back anyway), like `kubectl drain --ignore-daemonsets`. */
  ignoreDaemonSets: z.boolean().default(true),
  /** Evict pods with emptyDir volumes (their data is lost). */
  deleteEmptyDirData: z.boolean().default(false),
  /** Also delete pods no controller owns (they are not recreated). */
  force: z.boolean().default(false),
  timeoutSeconds: z.number().int().min(1).max(3600).default(300),
});

const PodRef = z.object({ namespace: z.string(), name: z.string() });
export const DrainEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('cordoned') }),
  z.object({ type: z.literal('plan'), evict: z.array(PodRef), skipped: z.array(PodRef.extend({ reason: z.string() })) }),
  z.object({ type: z.literal('pod'), namespace: z.string(), name: z.string(), state: z.enum(['evicting', 'blocked', 'gone', 'failed']), message: z.string().optional() }),
  z.object({ type: z.literal('done'), evicted: z.number().int() }),
]);
export type DrainEvent = z.infer<typeof DrainEvent>;

export const KubeForwardSpec = z.object({
  context: ContextName,
  namespace: Namespace.min(1),
  pod: Name,
  podPort: z.number().int().min(1).max(65535),
  /** 0: any free port. */
  localPort: z.number().int().min(0).max(65535).default(0),
});

export const KubeForward = z.object({
  id: z.string(),
  context: z.string(),
  namespace: z.string(),
  pod: z.string(),
  podPort: z.number().int(),
  localAddress: z.string(),
  localPort: z.number().int(),
  state: z.enum(['listening', 'failed', 'stopped']),
  error: z.string().optional(),
  /** Tunnelled connections open now, and since the start. */
  active: z.number().int(),
  total: z.number().int(),
});
export type KubeForward = z.infer<typeof KubeForward>;

export const KubeSettings = z.object({
  /** Extra kubeconfig files read after $KUBECONFIG (or ~/.kube/config), e.g. the sandbox's. */
  kubeconfigFiles: z.array(z.string().max(4096)).max(20).default([]),
  /** Give credential plugins the PATH of the user's login shell (apps started from a desktop lack it). */
  loginShellEnvironment: z.boolean().default(true),
  /** How long connecting (and each request) may take before it is reported unreachable. */
  requestTimeoutMs: z.number().int().min(1000).max(300_000).default(15_000),
  /** How long an informer no view needs keeps running, so coming back to a kind is instant. */
  informerLingerMs: z.number().int().min(0).max(600_000).default(30_000),
});
export type KubeSettings = z.infer<typeof KubeSettings>;
