// Which fleet host an instance already is: the one it was imported as in this
// session, else a host tagged with its id (imports tag hosts so), else one
// pointing at one of its addresses.
import type { Ec2Instance } from '../../../../shared/contract/cloud';
import type { Host } from '../../../../shared/contract/hosts';

export function hostFor(instance: Ec2Instance, hosts: readonly Host[], imported: Readonly<Record<string, string>>): string | undefined {
  const known = imported[instance.id];
  if (known && hosts.some((h) => h.id === known)) return known;
  const addresses = new Set([instance.publicIp, instance.privateIp, instance.publicDns].filter((a): a is string => !!a));
  return (hosts.find((h) => h.tags.includes(instance.id)) ?? hosts.find((h) => h.id === instance.id || addresses.has(h.hostname)))?.id;
}
