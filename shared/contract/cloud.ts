// Cloud: AWS profiles from ~/.aws/config and ~/.aws/credentials, EC2
// instances across regions (live while they change state), the actions users
// take on them, importing them into the fleet, and schedules that stop what
// nobody uses outside working hours.
import { z } from 'zod';
import { ConfigProblem } from './hosts';

const ProfileName = z.string().min(1).max(128);
const Region = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'an AWS region such as eu-west-1');
const InstanceId = z.string().regex(/^i-[0-9a-f]{8,17}$/, 'an instance id such as i-0123456789abcdef0');

export const AwsCredentialKind = z.enum(['static', 'role', 'process', 'sso', 'web-identity', 'none']);

export const AwsProfile = z.object({
  name: z.string(),
  /** The profile's default region, if it names one. */
  region: z.string().optional(),
  kind: AwsCredentialKind,
  /** `role`: the role assumed and the profile whose credentials assume it. */
  roleArn: z.string().optional(),
  sourceProfile: z.string().optional(),
  /** `endpoint_url` (or `ec2 = endpoint_url`) from the profile: EC2-compatible clouds and tests. */
  endpointUrl: z.string().optional(),
  /** Where the profile is defined: ~/.aws/config and/or ~/.aws/credentials. */
  files: z.array(z.string()),
});
export type AwsProfile = z.infer<typeof AwsProfile>;

export const AwsProfileList = z.object({
  profiles: z.array(AwsProfile),
  problems: z.array(ConfigProblem),
  files: z.array(z.string()),
});
export type AwsProfileList = z.infer<typeof AwsProfileList>;

export const InstanceState = z.enum(['pending', 'running', 'stopping', 'stopped', 'shutting-down', 'terminated']);
export type InstanceState = z.infer<typeof InstanceState>;

export const Ec2Instance = z.object({
  id: z.string(),
  region: z.string(),
  /** The `Name` tag, or '' when there is none. */
  name: z.string(),
  type: z.string(),
  state: InstanceState,
  az: z.string(),
  publicIp: z.string().optional(),
  privateIp: z.string().optional(),
  publicDns: z.string().optional(),
  keyName: z.string().optional(),
  platform: z.string().optional(),
  /** Epoch ms. */
  launchTime: z.number().nullable(),
  tags: z.record(z.string(), z.string()),
});
export type Ec2Instance = z.infer<typeof Ec2Instance>;

export const InstancesParams = z.object({
  profile: ProfileName,
  regions: z.array(Region).min(1).max(40),
});
export type InstancesParams = z.infer<typeof InstancesParams>;

/** A live view of a profile's instances: each region's full list (all pages) as it is fetched, and errors per region. */
export const InstancesEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('region'), region: z.string(), instances: z.array(Ec2Instance), fetchedAt: z.number() }),
  z.object({ type: z.literal('error'), region: z.string(), code: z.string(), message: z.string() }),
  /** When main looks again: soon while an instance is pending or stopping, else at the slow pace. */
  z.object({ type: z.literal('next'), inMs: z.number().int() }),
]);
export type InstancesEvent = z.infer<typeof InstancesEvent>;

export const InstanceAction = z.enum(['start', 'stop', 'reboot', 'terminate']);
export type InstanceAction = z.infer<typeof InstanceAction>;

export const ActionRequest = z.object({
  profile: ProfileName,
  region: Region,
  action: InstanceAction,
  instanceIds: z.array(InstanceId).min(1).max(1000),
  /** Terminate only: the instance's name (or id) typed by the user, checked again in main. */
  confirm: z.string().max(256).optional(),
});
export type ActionRequest = z.infer<typeof ActionRequest>;

export const StateChange = z.object({ id: z.string(), previous: z.string(), current: z.string() });

export const TagsRequest = z.object({
  profile: ProfileName,
  region: Region,
  instanceId: InstanceId,
  set: z.record(z.string().min(1).max(128), z.string().max(256)).default({}),
  remove: z.array(z.string().min(1).max(128)).max(50).default([]),
});

export const ImportRequest = z.object({
  profile: ProfileName,
  region: Region,
  instanceIds: z.array(InstanceId).min(1).max(500),
  /** Which address the host gets. */
  address: z.enum(['public', 'private']).default('public'),
  user: z.string().min(1).max(64),
  /** Default 22; an instance's `ssh-port` tag wins. */
  port: z.number().int().min(1).max(65535).default(22),
  identityFile: z.string().max(4096).optional(),
  group: z.string().max(100).optional(),
});

export const ImportResult = z.object({
  added: z.array(z.string()),
  /** Instances that could not become hosts, and why (no address, already there). */
  skipped: z.array(z.object({ id: z.string(), reason: z.string() })),
});

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time such as 08:00');

export const Schedule = z.object({
  id: z.string().max(64),
  name: z.string().min(1).max(100),
  profile: ProfileName,
  regions: z.array(Region).min(1).max(40),
  /** Instances with this tag (key=value) follow the schedule. */
  tagKey: z.string().min(1).max(128),
  tagValue: z.string().max(256),
  /** Days the instances should run, 0 = Sunday. */
  days: z.array(z.number().int().min(0).max(6)).max(7),
  /** Running hours on those days, in `timezone` (IANA name; default the machine's). */
  start: Time,
  end: Time,
  timezone: z.string().max(64).optional(),
  enabled: z.boolean().default(true),
});
export type Schedule = z.infer<typeof Schedule>;

export const SchedulePreview = z.object({
  /** Whether the schedule wants its instances running now. */
  shouldRun: z.boolean(),
  wouldStop: z.array(Ec2Instance),
  wouldStart: z.array(Ec2Instance),
  /** When the schedule next changes its mind (epoch ms). */
  nextChangeAt: z.number().nullable(),
  errors: z.array(z.object({ region: z.string(), code: z.string(), message: z.string() })),
});
export type SchedulePreview = z.infer<typeof SchedulePreview>;

export const CloudHistoryEntry = z.object({
  id: z.number().int(),
  /** Epoch ms. */
  at: z.number(),
  profile: z.string(),
  region: z.string(),
  action: z.string(),
  instanceId: z.string(),
  instanceName: z.string(),
  /** 'manual', or 'schedule: <its name>'. */
  by: z.string(),
  ok: z.boolean(),
  /** The AWS error code and message when it failed; the state change when it worked. */
  detail: z.string(),
});
export type CloudHistoryEntry = z.infer<typeof CloudHistoryEntry>;

export const CloudSettings = z.object({
  /** Regions shown by default. */
  regions: z.array(z.string()).default(['us-east-1']),
  /** How often instances are listed when nothing is changing state. */
  pollSeconds: z.number().int().min(10).max(3600).default(60),
  /** Every request's deadline. */
  requestTimeoutMs: z.number().int().min(1000).max(120_000).default(15_000),
});
export type CloudSettings = z.infer<typeof CloudSettings>;
