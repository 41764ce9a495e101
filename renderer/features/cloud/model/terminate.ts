// Terminating is forever: the user types the instance's name (or its id when
// it has none) and the button works only when it matches exactly. Main checks
// the same word again, so the word is the one main expects: the Name tag as
// it is, else the id.
import type { Ec2Instance } from '../../../../shared/contract/cloud';

export const terminateWord = (instance: Pick<Ec2Instance, 'name' | 'id'>): string => instance.name || instance.id;

/** Spaces typed around the word are forgiven; anything else must match, case included. */
export const terminateConfirmed = (instance: Pick<Ec2Instance, 'name' | 'id'>, typed: string): boolean => {
  const word = terminateWord(instance);
  return typed === word || typed.trim() === word;
};
