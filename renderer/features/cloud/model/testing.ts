// Instances for the model tests.
import type { Ec2Instance } from '../../../../shared/contract/cloud';

let seq = 0;

export function instance(patch: Partial<Ec2Instance> = {}): Ec2Instance {
  seq += 1;
  const id = patch.id ?? `i-${seq.toString(16).padStart(17, '0')}`;
  return {
    id,
    region: 'eu-west-1',
    name: '',
    type: 't3.micro',
    state: 'running',
    az: 'eu-west-1a',
    launchTime: null,
    tags: patch.name ? { Name: patch.name } : {},
    ...patch,
  };
}
