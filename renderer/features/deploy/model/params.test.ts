import { describe, expect, it } from 'vitest';
import type { RecipeParamInfo } from '../../../../shared/contract/deploy';
import { initialValues, rerunValues, secretsNeeded, toParamValues } from './params';

const params: RecipeParamInfo[] = [
  { name: 'version', type: 'string', secret: false, required: true },
  { name: 'port', type: 'number', default: 8080, secret: false, required: true },
  { name: 'env', type: 'string', choices: ['staging', 'prod'], default: 'staging', secret: false, required: true },
  { name: 'dry', type: 'boolean', default: false, secret: false, required: false },
  { name: 'token', type: 'string', secret: true, required: true, stored: false },
  { name: 'key', type: 'string', secret: true, required: true, stored: true },
];

describe('initialValues', () => {
  it('prefers given values, then the last run, then defaults, and never prefills secrets', () => {
    expect(initialValues(params, { version: '1.2', port: 9000, token: 'leaked?' })).toEqual({ version: '1.2', port: '9000', env: 'staging', dry: false, token: '', key: '' });
    expect(initialValues(params, { version: '1.2' }, { version: '1.3', dry: true })).toMatchObject({ version: '1.3', dry: true });
  });
});

describe('toParamValues', () => {
  it('types numbers and booleans and leaves empty inputs to main', () => {
    const { values, errors } = toParamValues(params, { version: '2.0', port: '8081', env: 'prod', dry: true, token: '', key: '' });
    expect(errors).toEqual({});
    expect(values).toEqual({ version: '2.0', port: 8081, env: 'prod', dry: true });
  });

  it('says which input is wrong and why', () => {
    const { errors } = toParamValues(params, { version: '', port: 'eighty', env: 'qa', dry: false });
    expect(errors).toEqual({ version: 'required', port: '"eighty" is not a number', env: 'must be one of staging, prod' });
  });
});

describe('secrets and reruns', () => {
  it('asks for a secret only when none is typed or stored', () => {
    expect(secretsNeeded(params, { token: '', key: '' })).toEqual(['token']);
    expect(secretsNeeded(params, { token: 's3cret', key: '' })).toEqual([]);
  });

  it('types recorded parameters again and leaves masked secrets out', () => {
    expect(rerunValues(params, { version: '2.0', port: '8081', dry: 'true', token: '••••', unknown: 'x' })).toEqual({ version: '2.0', port: 8081, dry: true });
  });
});
