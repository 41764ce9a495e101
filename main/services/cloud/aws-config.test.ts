import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { awsFiles, loadAwsProfiles } from './aws-config';

const dir = mkdtempSync(path.join(os.tmpdir(), 'aws-config-test-'));

describe('AWS config files', () => {
  it('honours AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE, else ~/.aws', () => {
    expect(awsFiles({}, '/home/u')).toEqual({ configFile: '/home/u/.aws/config', credentialsFile: '/home/u/.aws/credentials' });
    expect(awsFiles({ AWS_CONFIG_FILE: '/c', AWS_SHARED_CREDENTIALS_FILE: '/k' }, '/home/u')).toEqual({ configFile: '/c', credentialsFile: '/k' });
  });

  it('reads profiles as the CLI does: kinds, regions, roles, nested endpoint blocks, credentials file over config', () => {
    const configFile = path.join(dir, 'config');
    const credentialsFile = path.join(dir, 'credentials');
    writeFileSync(
      configFile,
      [
        '[default]',
        'region = us-east-1',
        '# a comment',
        '[profile prod]',
        'role_arn = arn:aws:iam::123:role/admin',
        'source_profile = default',
        'region = eu-west-1 ; trailing comment',
        '[profile tool]',
        'credential_process = /usr/bin/aws-vault export --format=json tool',
        '[profile sso]',
        'sso_session = corp',
        '[sso-session corp]',
        'sso_start_url = https://corp.awsapps.com/start',
        '[profile local]',
        'region = eu-central-1',
        'ec2 =',
        '  endpoint_url = http://127.0.0.1:4566',
        '[profile broken]',
        'source_profile = nowhere',
        'this line has no equals sign',
        '[lonely]',
        '',
      ].join('\n'),
    );
    writeFileSync(credentialsFile, '[default]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = secret\n[local]\naws_access_key_id = test\naws_secret_access_key = test\n');
    const loaded = loadAwsProfiles({ configFile, credentialsFile });
    const byName = Object.fromEntries(loaded.profiles.map((p) => [p.name, p]));
    expect(loaded.profiles[0]!.name).toBe('default');
    expect(byName.default).toMatchObject({ kind: 'static', region: 'us-east-1', files: [configFile, credentialsFile] });
    expect(byName.prod).toMatchObject({ kind: 'role', roleArn: 'arn:aws:iam::123:role/admin', sourceProfile: 'default', region: 'eu-west-1' });
    expect(byName.tool!.kind).toBe('process');
    expect(byName.sso!.kind).toBe('sso');
    expect(byName.local).toMatchObject({ kind: 'static', endpointUrl: 'http://127.0.0.1:4566', region: 'eu-central-1' });
    expect(byName.corp).toBeUndefined();
    const lines = loaded.problems.map((p) => `${path.basename(p.file)}:${p.line} ${p.message}`);
    expect(lines).toContainEqual(expect.stringMatching(/^config:20 expected "key = value"/));
    expect(lines).toContainEqual(expect.stringMatching(/\[lonely\] is ignored/));
    expect(lines).toContainEqual(expect.stringMatching(/source_profile "nowhere" is not defined/));
  });
});
