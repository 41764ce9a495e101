// EC2 through the AWS SDK: one client per profile and region (credentials
// from the SDK's own providers: static keys, role_arn + source_profile,
// credential_process, SSO), the profile's endpoint override, a deadline on
// every request, every page of DescribeInstances, and AWS errors kept with
// their code ("UnauthorizedOperation: You are not authorized…").
import {
  CreateTagsCommand,
  DeleteTagsCommand,
  EC2Client,
  RebootInstancesCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
  paginateDescribeInstances,
  type Filter,
  type Instance,
  type InstanceStateChange,
} from '@aws-sdk/client-ec2';
import { fromIni } from '@aws-sdk/credential-providers';
import { WorkbenchError, type ErrorCode } from '../../../shared/contract/errors';
import type { Ec2Instance, InstanceAction, InstanceState } from '../../../shared/contract/cloud';
import type { AwsFiles } from './aws-config';

export interface Ec2Options {
  files: AwsFiles;
  profile: string;
  region: string;
  endpoint: string | undefined;
  timeoutMs: number;
}

export function createEc2Client(options: Ec2Options): EC2Client {
  return new EC2Client({
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    credentials: fromIni({ profile: options.profile, filepath: options.files.credentialsFile, configFilepath: options.files.configFile }),
    requestHandler: { connectionTimeout: Math.min(options.timeoutMs, 10_000), requestTimeout: options.timeoutMs },
    maxAttempts: 2,
  });
}

const STATES = new Set<InstanceState>(['pending', 'running', 'stopping', 'stopped', 'shutting-down', 'terminated']);

export function toInstance(region: string, instance: Instance): Ec2Instance {
  const tags: Record<string, string> = {};
  for (const tag of instance.Tags ?? []) if (tag.Key) tags[tag.Key] = tag.Value ?? '';
  const state = (instance.State?.Name ?? 'pending') as InstanceState;
  return {
    id: instance.InstanceId ?? '',
    region,
    name: tags.Name ?? '',
    type: String(instance.InstanceType ?? ''),
    state: STATES.has(state) ? state : 'pending',
    az: instance.Placement?.AvailabilityZone ?? '',
    ...(instance.PublicIpAddress ? { publicIp: instance.PublicIpAddress } : {}),
    ...(instance.PrivateIpAddress ? { privateIp: instance.PrivateIpAddress } : {}),
    ...(instance.PublicDnsName ? { publicDns: instance.PublicDnsName } : {}),
    ...(instance.KeyName ? { keyName: instance.KeyName } : {}),
    ...(instance.PlatformDetails ? { platform: instance.PlatformDetails } : {}),
    launchTime: instance.LaunchTime ? instance.LaunchTime.getTime() : null,
    tags,
  };
}

/** Every instance of the region (every page), optionally filtered server-side. */
export async function listInstances(client: EC2Client, region: string, filters: Filter[] = [], signal?: AbortSignal, pageSize = 1000): Promise<Ec2Instance[]> {
  const out: Ec2Instance[] = [];
  for await (const page of paginateDescribeInstances({ client, pageSize }, { Filters: filters.length ? filters : undefined })) {
    if (signal?.aborted) break;
    for (const reservation of page.Reservations ?? []) for (const instance of reservation.Instances ?? []) out.push(toInstance(region, instance));
  }
  return out;
}

export async function actOn(client: EC2Client, action: InstanceAction, ids: string[]): Promise<Array<{ id: string; previous: string; current: string }>> {
  const changes = (list: InstanceStateChange[] | undefined) =>
    (list ?? []).map((c) => ({ id: c.InstanceId ?? '', previous: c.PreviousState?.Name ?? '', current: c.CurrentState?.Name ?? '' }));
  switch (action) {
    case 'start':
      return changes((await client.send(new StartInstancesCommand({ InstanceIds: ids }))).StartingInstances);
    case 'stop':
      return changes((await client.send(new StopInstancesCommand({ InstanceIds: ids }))).StoppingInstances);
    case 'terminate':
      return changes((await client.send(new TerminateInstancesCommand({ InstanceIds: ids }))).TerminatingInstances);
    case 'reboot':
      await client.send(new RebootInstancesCommand({ InstanceIds: ids }));
      return ids.map((id) => ({ id, previous: 'running', current: 'running' }));
  }
}

export async function setTags(client: EC2Client, id: string, set: Record<string, string>, remove: string[]): Promise<void> {
  if (Object.keys(set).length) await client.send(new CreateTagsCommand({ Resources: [id], Tags: Object.entries(set).map(([Key, Value]) => ({ Key, Value })) }));
  if (remove.length) await client.send(new DeleteTagsCommand({ Resources: [id], Tags: remove.map((Key) => ({ Key })) }));
}

/** The AWS error code of a failure ("UnauthorizedOperation"), or a word for what went wrong on the way. */
export function awsCodeOf(error: unknown): string {
  const e = error as { name?: string; Code?: string; code?: string; $metadata?: unknown };
  if (e?.Code) return e.Code;
  if (e?.$metadata && e.name) return e.name;
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ECONNREFUSED') return 'ConnectionRefused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'UnknownHost';
  if (e?.name === 'TimeoutError' || code === 'ETIMEDOUT' || /timed? ?out/i.test(String((error as Error)?.message))) return 'Timeout';
  if (e?.name === 'CredentialsProviderError' || e?.name === 'ProviderError') return 'CredentialsError';
  return e?.name ?? 'Error';
}

export function awsMessageOf(error: unknown): string {
  const message = (error as Error)?.message ?? String(error);
  // The SDK's message for a connection-level failure can be empty.
  return message || String((error as NodeJS.ErrnoException)?.code ?? 'request failed');
}

export function toWorkbenchError(error: unknown, where: string): WorkbenchError {
  if (error instanceof WorkbenchError) return error;
  const code = awsCodeOf(error);
  const kind: ErrorCode = /^(Unauthorized|AuthFailure|AccessDenied|SignatureDoesNotMatch|CredentialsError|InvalidClientTokenId|ExpiredToken)/.test(code)
    ? 'permission-denied'
    : /NotFound$/.test(code)
      ? 'not-found'
      : /^(IncorrectInstanceState|InvalidParameter|InvalidInstanceID|MissingParameter|InvalidAction)/.test(code)
        ? 'invalid-request'
        : code === 'Timeout'
          ? 'timeout'
          : 'unavailable';
  return new WorkbenchError({ code: kind, message: `${code}: ${awsMessageOf(error)}`, where });
}
