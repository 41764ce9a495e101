// Ansible inventories (INI or YAML) into hosts and groups the workbench can
// show and connect to. `ansible-inventory --list` is the reference; the
// oracle tests compare the two.
import { readIniInventory } from './ansible-ini';
import { looksLikeYamlInventory, readYamlInventory } from './ansible-yaml';
import { InventoryBuilder, type AnsibleInventory } from './inventory-model';

export type { AnsibleGroup, AnsibleHost, AnsibleInventory } from './inventory-model';

/** YAML if the name says so or the text is a YAML mapping of groups; INI otherwise. Never throws. */
export function parseAnsibleInventory(file: string, text: string): AnsibleInventory {
  const inventory = new InventoryBuilder(file);
  const source = text.replace(/^\uFEFF/, '');
  if (/\.ya?ml$/i.test(file) || looksLikeYamlInventory(source)) readYamlInventory(inventory, source);
  else readIniInventory(inventory, source);
  return inventory.finish();
}
