import type { HopOptions } from './connect';

/** Where to connect: one hop, reached directly or through another target (ProxyJump). */
export interface SshTarget {
  /** The inventory host this is for (jump hosts get their own name). */
  hostId: string;
  hop: HopOptions;
  via?: SshTarget;
}

/** Identity of a pooled connection: the same user, host and port through the same jumps share one. */
export function targetKey(target: SshTarget): string {
  const self = `${target.hop.user}@${target.hop.hostname}:${target.hop.port}`;
  return target.via ? `${self} via ${targetKey(target.via)}` : self;
}
