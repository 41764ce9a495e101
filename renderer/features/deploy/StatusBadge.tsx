import type { DeployRunStatus, StepStatus, TargetStatus } from '../../../shared/contract/deploy';

/** A run's, a target's or a step's status as a coloured word (colours in deploy.css, by status). */
export function StatusBadge({ status }: { status: DeployRunStatus | TargetStatus | StepStatus }) {
  return <span className={`deploy-badge deploy-status-${status}`} data-status={status}>{status}</span>;
}
