// Source ids are stable per view (the store keys lines and states by them);
// labels are short, for a column.
import path from 'node:path';

export const sourceId = {
  file: (file: string) => `file:${file}`,
  sshFile: (hostId: string, file: string) => `ssh:${hostId}:${file}`,
  journald: (hostId: string, unit?: string) => `journald:${hostId}${unit ? `:${unit}` : ''}`,
  pod: (namespace: string, pod: string, container?: string) => `pod:${namespace}/${pod}${container ? `/${container}` : ''}`,
  pods: (namespace: string, selector: string) => `pods:${namespace}/${selector}`,
};

export const sourceLabel = {
  file: (file: string) => path.basename(file) || file,
  sshFile: (hostId: string, file: string) => `${hostId}:${path.posix.basename(file) || file}`,
  journald: (hostId: string, unit?: string) => `${hostId} ${unit ?? 'journald'}`,
  pod: (pod: string, container?: string) => (container ? `${pod}/${container}` : pod),
  pods: (selector: string) => selector,
};
