// The one contract between renderer and main. Every call is declared here,
// once; the preload, the renderer's transports and main's dispatcher are all
// derived from this object. Adding a capability is adding a namespace.
import { z } from 'zod';
import { AppInfo, Diagnostics, ExternalUrl } from './app';
import { call, input, stream, type ContractShape } from './define';
import { Settings, SettingsPatch, SettingsState } from './settings';
import { ConfigProblem, HostInput, HostList, Host } from './hosts';
import { ConnectionState, PromptAnswer, SshPrompt } from './ssh';
import { Listing, LocalPath, RemotePath, RemoteRemove, RemoteRename, TransferEvent, TransferParams } from './files';
import { Forward, ForwardSpec } from './forwards';
import { Snippet, SnippetInput } from './snippets';
import { HealthEvent, RunDetail, RunEvent, RunRequest, RunSummary } from './fleet';
import {
  ApplyRequest,
  ContextName,
  DrainEvent,
  DrainRequest,
  KubeConnection,
  KubeContextList,
  KubeEvent,
  KubeForward,
  KubeForwardSpec,
  KubeObjectYaml,
  ObjectRef,
  Related,
  ViewEvent,
  ViewParams,
} from './kube';
import {
  ActionRequest,
  AwsProfileList,
  CloudHistoryEntry,
  ImportRequest,
  ImportResult,
  InstancesEvent,
  InstancesParams,
  Schedule,
  SchedulePreview,
  StateChange,
  TagsRequest,
} from './cloud';
import { Histogram, HistogramRequest, LogSourceSpec, LogFilter, LogViewEvent, LogWindow, SourceState, WindowRequest } from './logs';
import { DeployRunDetail, DeployRunSummary, LockInfo, Plan, PlanRequest, RecipeList, DeployEvent, RunLogSources, StartRequest } from './deploy';
import { OpenTerminalRequest, ResizeTerminal, TerminalBusy, TerminalEvent, TerminalId, TerminalInfo, WriteTerminal } from './terminals';

const Empty = z.object({}).strict();

export const contract = {
  app: {
    info: call('Which host, version and data directory; notices from start-up.', Empty, AppInfo),
    openExternal: call('Open an http(s) link in the system browser (desktop) or a new tab (web).', ExternalUrl, z.object({ opened: z.boolean() })),
    diagnostics: call('Memory and counts of what main holds open (for the status bar and benchmarks).', Empty, Diagnostics),
  },
  settings: {
    get: call('The settings in force and any problem found loading them.', Empty, SettingsState),
    update: call('Change some settings; returns all of them as saved.', SettingsPatch, Settings),
  },
  hosts: {
    list: call('Every host: ~/.ssh/config aliases and the inventory, with any problem found reading them.', Empty, HostList),
    changes: stream('Tells when the host files changed on disk (re-list then).', Empty, z.object({ reason: z.string() })),
    save: call('Create or update a host in the app\'s inventory.', HostInput, Host),
    remove: call('Remove a host from the app\'s inventory (ssh config aliases stay).', z.object({ id: z.string().min(1).max(100) }), z.object({ removed: z.boolean() })),
    importAnsible: call(
      'Add the hosts of an Ansible inventory (INI or YAML) to the app\'s inventory.',
      z.object({ path: z.string().min(1).max(4096) }),
      z.object({ added: z.array(z.string()), skipped: z.array(z.string()), problems: z.array(ConfigProblem) }),
    ),
  },
  ssh: {
    prompts: stream('Questions while connecting: host keys, passwords, passphrases, keyboard-interactive.', Empty, SshPrompt),
    answer: call('Answer a question (the secret is used once, or stored if asked to remember).', z.object({ id: z.string().max(64), answer: PromptAnswer }), z.object({})),
    states: stream('The state of every pooled SSH connection, now and as it changes.', Empty, ConnectionState),
    disconnect: call('Close every connection to a host.', z.object({ hostId: z.string().min(1).max(255) }), z.object({ closed: z.number().int() })),
    forget: call('Forget a remembered password for a host.', z.object({ hostId: z.string().min(1).max(255) }), z.object({ forgotten: z.boolean() })),
  },
  sftp: {
    list: call('List a directory on a host ("" is the home directory).', RemotePath, Listing),
    listLocal: call('List a directory on the machine the workbench runs on ("" is the home directory).', LocalPath, Listing),
    mkdir: call('Create a directory on a host.', RemotePath, z.object({})),
    rename: call('Rename or move a file on a host.', RemoteRename, z.object({})),
    remove: call('Delete a file or an empty directory on a host.', RemoteRemove, z.object({})),
    transfer: stream('Upload or download one file, with progress; unsubscribe to cancel.', TransferParams, TransferEvent),
  },
  forwards: {
    list: call('Port forwards running now.', Empty, z.object({ forwards: z.array(Forward) })),
    start: call('Start a local (-L) or dynamic SOCKS (-D) forward through a host.', ForwardSpec, Forward, { timeoutMs: 10 * 60_000 }),
    stop: call('Stop a forward and close its tunnels.', z.object({ id: z.string().max(64) }), z.object({})),
    changes: stream('Forwards as they start, fail, carry connections and stop.', Empty, Forward),
  },
  fleet: {
    health: stream('Live health of every host: a snapshot, then each sweep (with alerts).', Empty, HealthEvent),
    sweepNow: call('Probe every host now, without waiting for the interval.', Empty, z.object({})),
    run: stream('Run a command on many hosts; unsubscribe to cancel (the remote processes are killed).', RunRequest, RunEvent),
    history: call('Past bulk runs, newest first.', z.object({ limit: z.number().int().min(1).max(1000).default(50) }), z.object({ runs: z.array(RunSummary) })),
    historyRun: call('One past run with every host\'s result and output.', z.object({ id: z.number().int() }), RunDetail),
  },
  snippets: {
    list: call('Saved commands.', Empty, z.object({ snippets: z.array(Snippet) })),
    save: call('Create or update a saved command.', SnippetInput, Snippet),
    remove: call('Delete a saved command.', z.object({ id: z.string().max(64) }), z.object({ removed: z.boolean() })),
  },
  kube: {
    contexts: call('Contexts from $KUBECONFIG (merged) or ~/.kube/config, with any problem found reading them.', Empty, KubeContextList),
    contextsChanged: stream('Tells when a kubeconfig file changed on disk (re-list then).', Empty, z.object({ reason: z.string() })),
    connect: call('Connect to a context\'s cluster: version and discovery (no permission check per kind).', z.object({ context: ContextName }), KubeConnection, {
      timeoutMs: 5 * 60_000,
    }),
    disconnect: call('Close a cluster: its informers stop and its views end.', z.object({ context: ContextName }), z.object({})),
    connections: stream('Every cluster connection, now and as it changes (kinds included).', Empty, KubeConnection),
    view: stream('A live table of one kind: columns, then rows as diffs, at most once a frame.', ViewParams, ViewEvent, { highWatermark: 20_000, lowWatermark: 10_000 }),
    get: call('An object as YAML (Secret values masked), with its resourceVersion.', ObjectRef, KubeObjectYaml),
    apply: call('Replace an object with edited YAML; a conflict if it changed since it was read.', ApplyRequest, z.object({ resourceVersion: z.string() })),
    events: call('The events about an object, newest last.', ObjectRef, z.object({ events: z.array(KubeEvent) })),
    related: call('An object\'s owners, the objects it owns and (pods) its node.', ObjectRef, Related),
    scale: call('Set the replicas of a deployment, replica set or stateful set.', ObjectRef.extend({ replicas: z.number().int().min(0).max(100_000) }), z.object({})),
    restart: call('Rollout restart: a new template annotation rolls every pod.', ObjectRef, z.object({})),
    delete: call('Delete an object (dependents are collected in the background).', ObjectRef, z.object({})),
    cordon: call('Mark a node unschedulable (or schedulable again).', z.object({ context: ContextName, node: z.string().min(1).max(253), unschedulable: z.boolean() }), z.object({})),
    drain: stream('Cordon a node and evict its pods, pod by pod; unsubscribe to stop.', DrainRequest, DrainEvent),
    forwards: call('Pod port-forwards running now.', Empty, z.object({ forwards: z.array(KubeForward) })),
    forward: call('Forward a local port to a pod\'s port.', KubeForwardSpec, KubeForward),
    stopForward: call('Stop a pod port-forward.', z.object({ id: z.string().max(64) }), z.object({})),
    forwardChanges: stream('Pod port-forwards as they start, carry connections and stop.', Empty, KubeForward),
  },
  cloud: {
    profiles: call('AWS profiles from ~/.aws/config and ~/.aws/credentials, with any problem found reading them.', Empty, AwsProfileList),
    instances: stream('A profile\'s EC2 instances in some regions (all pages), fetched again soon while any changes state.', InstancesParams, InstancesEvent),
    act: call('Start, stop, reboot or terminate instances; AWS errors keep their code.', ActionRequest, z.object({ changes: z.array(StateChange) }), { timeoutMs: 120_000 }),
    tags: call('Set and remove an instance\'s tags.', TagsRequest, z.object({})),
    import: call('Add instances to the fleet\'s inventory as SSH hosts.', ImportRequest, ImportResult),
    schedules: call('Saved start/stop schedules.', Empty, z.object({ schedules: z.array(Schedule) })),
    saveSchedule: call('Create or update a schedule.', Schedule.extend({ id: z.string().max(64).optional() }), Schedule),
    removeSchedule: call('Delete a schedule.', z.object({ id: z.string().max(64) }), z.object({ removed: z.boolean() })),
    preview: call('What a schedule would stop and start if it ran now.', Schedule.extend({ id: z.string().max(64).optional() }), SchedulePreview, { timeoutMs: 120_000 }),
    runSchedule: call('Apply a schedule now (it also runs by itself each minute while the app is open).', z.object({ id: z.string().max(64) }), z.object({ changes: z.array(StateChange), errors: z.array(z.string()) }), {
      timeoutMs: 120_000,
    }),
    history: call('Actions taken on instances (by hand or by a schedule), newest first.', z.object({ limit: z.number().int().min(1).max(5000).default(500) }), z.object({ entries: z.array(CloudHistoryEntry) })),
  },
  logs: {
    open: call('Open a log view over some sources (merged by time); it lives until closed or the window goes.', z.object({ sources: z.array(LogSourceSpec).min(1).max(200) }), z.object({ viewId: z.string(), sources: z.array(SourceState) })),
    add: call('Add sources to an open log view.', z.object({ viewId: z.string(), sources: z.array(LogSourceSpec).min(1).max(200) }), z.object({ sources: z.array(SourceState) })),
    close: call('Close a log view: its sources stop and its lines are freed.', z.object({ viewId: z.string() }), z.object({})),
    events: stream('A log view\'s source states, growth (a few times a second at most) and fields seen.', z.object({ viewId: z.string() }), LogViewEvent),
    window: call('The filtered lines from an offset: only what the screen shows.', WindowRequest, LogWindow),
    histogram: call('Filtered lines per time bucket, by level.', HistogramRequest, Histogram),
    export: call('Write every filtered line (not only the visible ones) to a file.', z.object({ viewId: z.string(), filter: LogFilter, path: z.string().min(1).max(4096) }), z.object({ lines: z.number().int(), path: z.string() }), {
      timeoutMs: 10 * 60_000,
    }),
  },
  deploy: {
    recipes: call('Recipes from the recipes folders, with any problem found (file, line, field).', Empty, RecipeList),
    recipesChanged: stream('Tells when a recipe file changed on disk (re-list then).', Empty, z.object({ reason: z.string() })),
    plan: call('The dry run: every target × step rendered (secrets masked), the batches, and locks held now.', PlanRequest, Plan, { timeoutMs: 120_000 }),
    start: call('Start a run; it goes on in main if the window closes. Refused while a target is locked.', StartRequest, z.object({ runId: z.string() }), { timeoutMs: 120_000 }),
    watch: stream('A run: its whole state first, then each change and the steps\' output.', z.object({ runId: z.string().max(64) }), DeployEvent, { highWatermark: 200_000, lowWatermark: 100_000 }),
    cancel: call('Cancel a run after the current step, or now (the remote processes are killed).', z.object({ runId: z.string().max(64), mode: z.enum(['after-step', 'now']) }), z.object({})),
    confirm: call('Answer a confirmation gate.', z.object({ runId: z.string().max(64), id: z.string().max(64), approve: z.boolean() }), z.object({})),
    runs: call('Runs, running and past, newest first.', z.object({ limit: z.number().int().min(1).max(1000).default(100) }), z.object({ runs: z.array(DeployRunSummary) })),
    run: call('One run with every target\'s steps and output.', z.object({ id: z.string().max(64) }), DeployRunDetail),
    locks: call('Locks held on targets now (by any machine), stale ones marked.', z.object({ targets: z.array(z.string().max(400)).max(5000).default([]) }), z.object({ locks: z.array(LockInfo) }), { timeoutMs: 120_000 }),
    logSources: call("The log sources of a run's targets (the recipe's logs:, a workload's pods), to show beside the run.", z.object({ runId: z.string().max(64) }), RunLogSources, { timeoutMs: 60_000 }),
    breakLock: call('Break a lock deliberately (a stale one, usually).', z.object({ target: z.string().min(1).max(400) }), z.object({ broken: z.boolean() }), { timeoutMs: 60_000 }),
  },
  terminals: {
    open: call('Start a terminal session (a local login shell).', OpenTerminalRequest, TerminalInfo),
    close: call('End a session: its process is killed if still running.', z.object({ id: TerminalId }), z.object({ closed: z.boolean() })),
    busy: call('Whether a command is running in the session (ask before closing).', z.object({ id: TerminalId }), TerminalBusy),
    reconnect: call('Try a remote session\'s connection again now, skipping the backoff.', z.object({ id: TerminalId }), z.object({})),
    output: stream('A session\'s output, batched, then its exit status.', z.object({ id: TerminalId }), TerminalEvent),
    write: input('Keystrokes or pasted text for a session.', WriteTerminal),
    resize: input('The terminal view changed size.', ResizeTerminal),
  },
} as const satisfies ContractShape;

export type Contract = typeof contract;

export * from './define';
export * from './errors';
export * from './notices';
export * from './settings';
export * from './terminals';
export * from './app';
export * from './ssh';
export * from './hosts';
export * from './files';
export * from './forwards';
export * from './snippets';
export * from './fleet';
export * from './kube';
export * from './cloud';
export * from './logs';
export * from './deploy';
