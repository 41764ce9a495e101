// The cloud service: AWS profiles, EC2 instances watched per window (listed
// again soon while any changes state, with backoff, else at the slow pace),
// actions recorded in the history, instances imported into the inventory,
// and schedules applied each minute while the app runs.
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { Contract } from '../../../shared/contract';
import { WorkbenchError } from '../../../shared/contract/errors';
import type { CloudSettings, Ec2Instance, InstanceAction, Schedule, SchedulePreview } from '../../../shared/contract/cloud';
import type { HostInput } from '../../../shared/contract/hosts';
import { toDisposable } from '../../../shared/lib/disposable';
import type { HostsService } from '../fleet/hosts-service';
import type { Logger } from '../log';
import type { ConnectionContext, Handlers } from '../rpc/types';
import type { RunHistory } from '../store/history';
import { awsFiles, loadAwsProfiles, type LoadedProfiles } from './aws-config';
import { actOn, awsCodeOf, awsMessageOf, createEc2Client, listInstances, setTags, toWorkbenchError } from './ec2';
import { nextChange, ScheduleStore, shouldRun, validTimezone } from './schedules';

export interface CloudServiceDeps {
  settings(): CloudSettings;
  log: Logger;
  home: string;
  dataDir: string;
  history: RunHistory | undefined;
  hosts: Pick<HostsService, 'save' | 'list'>;
  env?: NodeJS.ProcessEnv;
}

const TRANSITIONAL = new Set(['pending', 'stopping', 'shutting-down']);
const FAST_POLL_MS = 2000;
const MAX_FAST_POLL_MS = 10_000;

export class CloudService {
  private readonly clients = new Map<string, EC2Client>();
  private readonly watchers = new Map<string, Set<() => void>>();
  private readonly schedules: ScheduleStore;
  /** What each schedule decided at the last tick: it acts when that changes (and at the first tick). */
  private readonly decisions = new Map<string, boolean>();
  private ticker: NodeJS.Timeout | undefined;
  private readonly env: NodeJS.ProcessEnv;

  constructor(private readonly deps: CloudServiceDeps) {
    this.env = deps.env ?? process.env;
    this.schedules = new ScheduleStore(deps.dataDir);
  }

  private get files() {
    return awsFiles(this.env, this.deps.home);
  }

  profiles(): LoadedProfiles {
    return loadAwsProfiles(this.files);
  }

  private client(profile: string, region: string): EC2Client {
    const loaded = this.profiles();
    const found = loaded.profiles.find((p) => p.name === profile);
    if (!found) throw new WorkbenchError({ code: 'not-found', message: `no AWS profile "${profile}" in ${loaded.files.join(', ') || this.files.configFile}` });
    const key = `${profile}|${region}|${found.endpointUrl ?? ''}`;
    let client = this.clients.get(key);
    if (!client) {
      client = createEc2Client({ files: this.files, profile, region, endpoint: found.endpointUrl, timeoutMs: this.deps.settings().requestTimeoutMs });
      this.clients.set(key, client);
    }
    return client;
  }

  /** Tell every window watching a profile to list again now (after an action). */
  private poke(profile: string): void {
    for (const poke of this.watchers.get(profile) ?? []) poke();
  }

  private record(profile: string, region: string, action: string, instance: { id: string; name: string }, by: string, ok: boolean, detail: string): void {
    this.deps.history?.recordCloudAction({ at: Date.now(), profile, region, action, instanceId: instance.id, instanceName: instance.name, by, ok, detail });
  }

  /** Act on instances and record each in the history; AWS errors keep their code. */
  async act(profile: string, region: string, action: InstanceAction, instances: Array<{ id: string; name: string }>, by: string): Promise<Array<{ id: string; previous: string; current: string }>> {
    const where = `${profile}/${region}`;
    try {
      const changes = await actOn(this.client(profile, region), action, instances.map((i) => i.id));
      for (const instance of instances) {
        const change = changes.find((c) => c.id === instance.id);
        this.record(profile, region, action, instance, by, true, change ? `${change.previous} → ${change.current}` : 'requested');
      }
      this.deps.log.info('instances acted on', { where, action, ids: instances.map((i) => i.id), by });
      return changes;
    } catch (error) {
      for (const instance of instances) this.record(profile, region, action, instance, by, false, `${awsCodeOf(error)}: ${awsMessageOf(error)}`);
      throw toWorkbenchError(error, where);
    } finally {
      this.poke(profile);
    }
  }

  private async describe(profile: string, region: string, ids: string[]): Promise<Ec2Instance[]> {
    try {
      return await listInstances(this.client(profile, region), region, [{ Name: 'instance-id', Values: ids }]);
    } catch (error) {
      throw toWorkbenchError(error, `${profile}/${region}`);
    }
  }

  async preview(schedule: Omit<Schedule, 'id'>, at = Date.now()): Promise<SchedulePreview> {
    if (!validTimezone(schedule.timezone)) throw new WorkbenchError({ code: 'invalid-request', message: `unknown time zone "${schedule.timezone}"`, field: 'timezone' });
    const run = shouldRun(schedule, at);
    const errors: SchedulePreview['errors'] = [];
    const wouldStop: Ec2Instance[] = [];
    const wouldStart: Ec2Instance[] = [];
    await Promise.all(
      schedule.regions.map(async (region) => {
        try {
          const tagged = await listInstances(this.client(schedule.profile, region), region, [{ Name: `tag:${schedule.tagKey}`, Values: [schedule.tagValue] }]);
          for (const instance of tagged) {
            if (!run && (instance.state === 'running' || instance.state === 'pending')) wouldStop.push(instance);
            if (run && instance.state === 'stopped') wouldStart.push(instance);
          }
        } catch (error) {
          errors.push({ region, code: awsCodeOf(error), message: awsMessageOf(error) });
        }
      }),
    );
    return { shouldRun: run, wouldStop, wouldStart, nextChangeAt: nextChange(schedule, at), errors };
  }

  /** Apply a schedule now: stop what should not run, start what should. */
  async apply(schedule: Schedule, at = Date.now()): Promise<{ changes: Array<{ id: string; previous: string; current: string }>; errors: string[] }> {
    const preview = await this.preview(schedule, at);
    const changes: Array<{ id: string; previous: string; current: string }> = [];
    const errors = preview.errors.map((e) => `${e.region}: ${e.code}: ${e.message}`);
    for (const [action, list] of [
      ['stop', preview.wouldStop],
      ['start', preview.wouldStart],
    ] as const) {
      const byRegion = new Map<string, Ec2Instance[]>();
      for (const instance of list) byRegion.set(instance.region, [...(byRegion.get(instance.region) ?? []), instance]);
      for (const [region, instances] of byRegion) {
        try {
          changes.push(...(await this.act(schedule.profile, region, action, instances, `schedule: ${schedule.name}`)));
        } catch (error) {
          errors.push(`${region}: ${(error as Error).message}`);
        }
      }
    }
    return { changes, errors };
  }

  /** Check every enabled schedule once a minute while the app runs. */
  startScheduler(intervalMs = 60_000): void {
    if (this.ticker) return;
    const tick = () => void this.tick();
    this.ticker = setInterval(tick, intervalMs);
    this.ticker.unref?.();
    setTimeout(tick, 5000).unref?.();
  }

  async tick(at = Date.now()): Promise<void> {
    let schedules: Schedule[];
    try {
      schedules = this.schedules.list();
    } catch (error) {
      this.deps.log.error('schedules unreadable', { error: (error as Error).message });
      return;
    }
    for (const schedule of schedules) {
      if (!schedule.enabled) continue;
      const want = shouldRun(schedule, at);
      if (this.decisions.get(schedule.id) === want) continue;
      this.decisions.set(schedule.id, want);
      try {
        const result = await this.apply(schedule, at);
        this.deps.log.info('schedule applied', { schedule: schedule.name, run: want, changes: result.changes.length, errors: result.errors });
      } catch (error) {
        this.deps.log.warn('schedule failed', { schedule: schedule.name, error: (error as Error).message });
      }
    }
  }

  async import(request: { profile: string; region: string; instanceIds: string[]; address: 'public' | 'private'; user: string; port: number; identityFile?: string | undefined; group?: string | undefined }) {
    const instances = await this.describe(request.profile, request.region, request.instanceIds);
    const existing = this.deps.hosts.list().hosts;
    const added: string[] = [];
    const skipped: Array<{ id: string; reason: string }> = [];
    for (const id of request.instanceIds) {
      const instance = instances.find((i) => i.id === id);
      if (!instance) {
        skipped.push({ id, reason: `not found in ${request.region}` });
        continue;
      }
      const address = request.address === 'public' ? instance.publicIp : instance.privateIp;
      if (!address) {
        skipped.push({ id, reason: `no ${request.address} address${instance.state !== 'running' ? ` (it is ${instance.state})` : ''}` });
        continue;
      }
      const base = (instance.name || instance.id).replace(/[^A-Za-z0-9._@-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 90) || instance.id;
      const same = existing.find((h) => h.id === base);
      if (same && same.hostname === address) {
        skipped.push({ id, reason: `already in the fleet as ${same.id}` });
        continue;
      }
      const hostId = same ? `${base}-${instance.id.slice(-4)}` : base;
      const port = Number(instance.tags['ssh-port']) || request.port;
      const input: HostInput = {
        id: hostId,
        hostname: address,
        port,
        user: request.user,
        ...(request.identityFile ? { identityFile: request.identityFile } : {}),
        groups: request.group ? [request.group] : [],
        tags: ['aws', request.region, instance.id],
        notes: `EC2 ${instance.id} (${instance.type}) in ${instance.az || request.region}, profile ${request.profile}`,
      };
      this.deps.hosts.save(input);
      added.push(hostId);
    }
    return { added, skipped };
  }

  handlers(connection: ConnectionContext): Handlers<Contract>['cloud'] {
    return {
      profiles: () => {
        const { profiles, problems, files } = this.profiles();
        return { profiles, problems, files };
      },
      instances: ({ profile, regions }, sink) => {
        if (!this.profiles().profiles.some((p) => p.name === profile)) throw new WorkbenchError({ code: 'not-found', message: `no AWS profile "${profile}"` });
        let timer: NodeJS.Timeout | undefined;
        let running = false;
        let again = false;
        let fastDelay = FAST_POLL_MS;
        const poll = async () => {
          if (sink.signal.aborted) return;
          if (running) {
            again = true;
            return;
          }
          running = true;
          if (timer) clearTimeout(timer);
          const lists = await Promise.all(
            regions.map(async (region) => {
              try {
                const instances = await listInstances(this.client(profile, region), region, [], sink.signal);
                sink.emit({ type: 'region', region, instances, fetchedAt: Date.now() });
                return instances;
              } catch (error) {
                sink.emit({ type: 'error', region, code: awsCodeOf(error), message: awsMessageOf(error) });
                return [];
              }
            }),
          );
          running = false;
          if (sink.signal.aborted) return;
          if (again) {
            again = false;
            void poll();
            return;
          }
          const changing = lists.flat().some((i) => TRANSITIONAL.has(i.state));
          const next = changing ? fastDelay : this.deps.settings().pollSeconds * 1000;
          fastDelay = changing ? Math.min(MAX_FAST_POLL_MS, Math.round(fastDelay * 1.5)) : FAST_POLL_MS;
          sink.emit({ type: 'next', inMs: next });
          timer = setTimeout(() => void poll(), next);
        };
        let set = this.watchers.get(profile);
        if (!set) this.watchers.set(profile, (set = new Set()));
        const poke = () => {
          fastDelay = FAST_POLL_MS;
          void poll();
        };
        set.add(poke);
        void poll();
        return toDisposable(() => {
          if (timer) clearTimeout(timer);
          set.delete(poke);
        });
      },
      act: async ({ profile, region, action, instanceIds, confirm }) => {
        const instances = await this.describe(profile, region, instanceIds);
        if (action === 'terminate') {
          if (instanceIds.length !== 1) throw new WorkbenchError({ code: 'invalid-request', message: 'terminate one instance at a time, confirming its name', field: 'instanceIds' });
          const instance = instances[0];
          const expected = instance?.name || instanceIds[0];
          if (!confirm || confirm !== expected) throw new WorkbenchError({ code: 'invalid-request', message: `type the instance's name (${expected}) to terminate it`, field: 'confirm' });
        }
        const named = instanceIds.map((id) => ({ id, name: instances.find((i) => i.id === id)?.name ?? '' }));
        connection.log.info('cloud action', { profile, region, action, instanceIds });
        return { changes: await this.act(profile, region, action, named, 'manual') };
      },
      tags: async ({ profile, region, instanceId, set, remove }) => {
        try {
          await setTags(this.client(profile, region), instanceId, set, remove);
        } catch (error) {
          throw toWorkbenchError(error, `${profile}/${region}`);
        }
        this.record(profile, region, 'tags', { id: instanceId, name: set.Name ?? '' }, 'manual', true, [...Object.entries(set).map(([k, v]) => `${k}=${v}`), ...remove.map((k) => `-${k}`)].join(', '));
        this.poke(profile);
        return {};
      },
      import: (request) => this.import(request),
      schedules: () => ({ schedules: this.schedules.list() }),
      saveSchedule: (schedule) => {
        if (!validTimezone(schedule.timezone)) throw new WorkbenchError({ code: 'invalid-request', message: `unknown time zone "${schedule.timezone}"`, field: 'timezone' });
        const saved = this.schedules.save(schedule);
        this.decisions.delete(saved.id);
        return saved;
      },
      removeSchedule: ({ id }) => ({ removed: this.schedules.remove(id) }),
      preview: (schedule) => this.preview(schedule),
      runSchedule: async ({ id }) => {
        const schedule = this.schedules.list().find((s) => s.id === id);
        if (!schedule) throw new WorkbenchError({ code: 'not-found', message: `no schedule "${id}"` });
        return this.apply(schedule);
      },
      history: ({ limit }) => {
        if (!this.deps.history) throw new WorkbenchError({ code: 'unavailable', message: 'the history database could not be opened (see the log)' });
        return { entries: this.deps.history.cloudActions(limit) };
      },
    };
  }

  dispose(): void {
    if (this.ticker) clearInterval(this.ticker);
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }
}
