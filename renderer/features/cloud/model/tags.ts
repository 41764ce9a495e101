// The details panel's tag editor: rows of key and value, checked as EC2
// checks them, and turned into what `cloud.tags` takes (set and remove).
export interface TagRow {
  key: string;
  value: string;
}

export interface TagChanges {
  set: Record<string, string>;
  remove: string[];
}

export interface TagCheck {
  /** Row index → what is wrong with it. */
  errors: Map<number, string>;
  changes: TagChanges;
}

export const rowsOf = (tags: Record<string, string>): TagRow[] =>
  Object.entries(tags)
    .sort(([a], [b]) => (a === 'Name' ? -1 : b === 'Name' ? 1 : a.localeCompare(b)))
    .map(([key, value]) => ({ key, value }));

/** `aws:` tags belong to AWS: they are shown, never edited. */
export const isReservedTag = (key: string): boolean => key.toLowerCase().startsWith('aws:');

export function checkTags(original: Record<string, string>, rows: readonly TagRow[]): TagCheck {
  const errors = new Map<number, string>();
  const seen = new Map<string, number>();
  const wanted: Record<string, string> = {};
  rows.forEach((row, index) => {
    const key = row.key.trim();
    if (!key) {
      if (row.value.trim()) errors.set(index, 'A tag needs a key.');
      return;
    }
    if (key.length > 128) errors.set(index, 'Keys are at most 128 characters.');
    else if (row.value.length > 256) errors.set(index, 'Values are at most 256 characters.');
    else if (isReservedTag(key) && original[key] !== row.value) errors.set(index, 'Keys starting with aws: are reserved for AWS.');
    else if (seen.has(key)) errors.set(index, `"${key}" is there twice.`);
    seen.set(key, index);
    wanted[key] = row.value;
  });
  const set: Record<string, string> = {};
  for (const [key, value] of Object.entries(wanted)) if (original[key] !== value && !isReservedTag(key)) set[key] = value;
  const remove = Object.keys(original).filter((key) => !Object.hasOwn(wanted, key) && !isReservedTag(key));
  return { errors, changes: { set, remove } };
}

export const hasChanges = (changes: TagChanges): boolean => Object.keys(changes.set).length > 0 || changes.remove.length > 0;
