// AWS profiles from the shared config and credentials files, read the way the
// AWS CLI and SDKs read them: `[default]` and `[profile name]` in config,
// `[name]` in credentials, a setting's nested block (`ec2 =` then indented
// `endpoint_url = …`), comments with # or ;. Credentials themselves are never
// kept here: the SDK's providers read them when a request needs them. A line
// that cannot be read is a problem with its file and line; the rest still loads.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import type { ConfigProblem } from '../../../shared/contract/hosts';
import type { AwsCredentialKind, AwsProfile, AwsProfileList } from '../../../shared/contract/cloud';

type Section = Map<string, string>;

export interface AwsFiles {
  configFile: string;
  credentialsFile: string;
}

export function awsFiles(env: NodeJS.ProcessEnv, home: string): AwsFiles {
  return {
    configFile: env.AWS_CONFIG_FILE || path.join(home, '.aws', 'config'),
    credentialsFile: env.AWS_SHARED_CREDENTIALS_FILE || path.join(home, '.aws', 'credentials'),
  };
}

/** Sections of one INI file: name → settings (nested blocks flattened as `ec2.endpoint_url`). */
export function parseIni(text: string, file: string, problems: ConfigProblem[]): Map<string, Section> {
  const sections = new Map<string, Section>();
  let current: Section | undefined;
  let parent: string | undefined;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (!trimmed || trimmed.startsWith('#') || trimmed.startsWith(';')) return;
    const header = /^\[\s*([^\]]+?)\s*\]\s*([#;].*)?$/.exec(trimmed);
    if (header) {
      const name = header[1]!;
      current = sections.get(name) ?? new Map();
      sections.set(name, current);
      parent = undefined;
      return;
    }
    const eq = trimmed.indexOf('=');
    if (eq <= 0) {
      problems.push({ file, line, severity: 'error', message: `expected "key = value" or a [section], got "${trimmed.slice(0, 60)}"` });
      return;
    }
    if (!current) {
      problems.push({ file, line, severity: 'error', message: 'a setting before any [section]' });
      return;
    }
    const key = trimmed.slice(0, eq).trim().toLowerCase();
    const value = trimmed
      .slice(eq + 1)
      .replace(/\s+[#;].*$/, '')
      .trim();
    const indented = /^\s/.test(raw);
    if (indented && parent) current.set(`${parent}.${key}`, value);
    else {
      current.set(key, value);
      // `ec2 =` with nothing after it opens a nested block of indented settings.
      parent = value === '' ? key : undefined;
    }
  });
  return sections;
}

function read(file: string, problems: ConfigProblem[]): Map<string, Section> | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return parseIni(readFileSync(file, 'utf8'), file, problems);
  } catch (error) {
    problems.push({ file, line: 0, severity: 'error', message: `cannot read: ${(error as Error).message}` });
    return undefined;
  }
}

function kindOf(config: Section | undefined, credentials: Section | undefined): z.infer<typeof AwsCredentialKind> {
  const get = (key: string) => credentials?.get(key) ?? config?.get(key);
  if (get('role_arn') && get('web_identity_token_file')) return 'web-identity';
  if (get('role_arn')) return 'role';
  if (get('credential_process')) return 'process';
  if (get('sso_session') || get('sso_start_url')) return 'sso';
  if (get('aws_access_key_id')) return 'static';
  return 'none';
}

export interface LoadedProfiles extends AwsProfileList {
  /** A profile's settings (config first, credentials over them), for the endpoint and region. */
  setting(profile: string, key: string): string | undefined;
}

export function loadAwsProfiles(files: AwsFiles): LoadedProfiles {
  const problems: ConfigProblem[] = [];
  const config = read(files.configFile, problems);
  const credentials = read(files.credentialsFile, problems);
  const configSections = new Map<string, Section>();
  for (const [name, section] of config ?? []) {
    if (name === 'default') configSections.set('default', section);
    else if (name.startsWith('profile ')) configSections.set(name.slice('profile '.length).trim(), section);
    // [sso-session x] and [services x] are referenced from profiles, not profiles themselves.
    else if (!name.startsWith('sso-session ') && !name.startsWith('services ')) {
      problems.push({ file: files.configFile, line: 0, severity: 'warning', message: `[${name}] is ignored: in the config file, profiles are [profile ${name}] (only [default] has no prefix)` });
    }
  }
  const names = new Set([...configSections.keys(), ...(credentials?.keys() ?? [])]);
  const servicesOf = (profile: Section | undefined) => {
    const services = profile?.get('services');
    return services ? config?.get(`services ${services}`) : undefined;
  };
  const setting = (profile: string, key: string) => credentials?.get(profile)?.get(key) ?? configSections.get(profile)?.get(key);
  const profiles: AwsProfile[] = [...names].sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b))).map((name) => {
    const c = configSections.get(name);
    const k = credentials?.get(name);
    const endpoint = c?.get('ec2.endpoint_url') ?? servicesOf(c)?.get('ec2.endpoint_url') ?? c?.get('endpoint_url');
    const roleArn = k?.get('role_arn') ?? c?.get('role_arn');
    const source = k?.get('source_profile') ?? c?.get('source_profile');
    const region = c?.get('region') ?? k?.get('region');
    const where = [...(c ? [files.configFile] : []), ...(k ? [files.credentialsFile] : [])];
    return {
      name,
      kind: kindOf(c, k),
      files: where,
      ...(region ? { region } : {}),
      ...(roleArn ? { roleArn } : {}),
      ...(source ? { sourceProfile: source } : {}),
      ...(endpoint ? { endpointUrl: endpoint } : {}),
    };
  });
  for (const profile of profiles) {
    if (profile.sourceProfile && !names.has(profile.sourceProfile)) {
      problems.push({ file: profile.files[0] ?? files.configFile, line: 0, severity: 'warning', message: `profile "${profile.name}": source_profile "${profile.sourceProfile}" is not defined` });
    }
    if (profile.endpointUrl) {
      try {
        new URL(profile.endpointUrl);
      } catch {
        problems.push({ file: files.configFile, line: 0, severity: 'error', message: `profile "${profile.name}": endpoint_url "${profile.endpointUrl}" is not a URL` });
      }
    }
  }
  return { profiles, problems, files: [files.configFile, files.credentialsFile].filter((f) => existsSync(f)), setting };
}
