// AWS regions: the ones offered in the picker, and which a profile starts with.
import type { AwsProfile } from '../../../../shared/contract/cloud';

/** Commercial regions generally available, for the picker; any other region can be typed. */
export const COMMON_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'sa-east-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-central-2',
  'eu-north-1',
  'eu-south-1',
  'eu-south-2',
  'me-central-1',
  'me-south-1',
  'il-central-1',
  'af-south-1',
  'ap-south-1',
  'ap-south-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-east-1',
] as const;

/** The shape the contract accepts (eu-west-1, us-gov-west-1, ap-southeast-4). */
export const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export const isRegion = (text: string): boolean => REGION_PATTERN.test(text);

/** The regions a profile shows until the user picks: its own region, else the settings' regions. */
export function defaultRegions(profile: Pick<AwsProfile, 'region'> | undefined, settingsRegions: readonly string[]): string[] {
  if (profile?.region && isRegion(profile.region)) return [profile.region];
  const valid = settingsRegions.filter(isRegion);
  return valid.length ? [...new Set(valid)] : ['us-east-1'];
}

/** The picker's options: common regions, plus any chosen or typed that is not among them. */
export function regionOptions(chosen: readonly string[], extra: readonly string[] = []): string[] {
  const seen = new Set<string>(COMMON_REGIONS);
  const more = [...chosen, ...extra].filter((r) => !seen.has(r) && (seen.add(r), true));
  return [...COMMON_REGIONS, ...more.sort()];
}
