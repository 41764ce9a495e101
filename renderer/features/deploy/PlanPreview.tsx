// The dry run as main rendered it: strategy, batches, every target × step with
// its command (secrets masked by main), warnings, missing secrets and the
// locks held now on any of the targets.
import { useState } from 'react';
import type { LockInfo, Plan, PlanStep } from '../../../shared/contract/deploy';
import { ago, clock } from '../../ui/format';
import { BreakLockDialog } from './BreakLockDialog';
import { lockHolder } from './model/targets';

export function PlanPreview({ plan, stale, onLocksChanged }: { plan: Plan; stale: boolean; onLocksChanged(): void }) {
  const [breaking, setBreaking] = useState<LockInfo>();
  const byId = new Map(plan.targets.map((t) => [t.id, t]));
  const { batchSize, maxFailures, pauseMs, concurrency } = plan.strategy;
  return (
    <section className={`deploy-plan${stale ? ' stale' : ''}`} aria-label="Plan" data-testid="deploy-plan">
      <h3>Plan</h3>
      <p className="hint">
        {plan.targets.length} target{plan.targets.length === 1 ? '' : 's'} in {plan.batches.length} batch{plan.batches.length === 1 ? '' : 'es'} of {batchSize}
        {' · '}stops after {maxFailures} failure{maxFailures === 1 ? '' : 's'}
        {pauseMs ? ` · ${pauseMs / 1000} s between batches` : ''}
        {concurrency && concurrency !== batchSize ? ` · ${concurrency} at once` : ''}
      </p>
      {plan.locks.length ? (
        <div className="deploy-plan-locks" role="alert" aria-label="Locks">
          {plan.locks.map((lock) => (
            <div key={lock.target} className={`deploy-lock-line${lock.stale ? ' stale' : ''}`} data-target={lock.target}>
              <strong>{lock.target}</strong> is locked by {lockHolder(lock)} since {clock(lock.since)} (heartbeat {ago(lock.heartbeatAt)})
              {lock.stale ? <span className="deploy-stale">stale</span> : null}
              <button type="button" className={lock.stale ? 'primary' : undefined} onClick={() => setBreaking(lock)}>Break lock…</button>
            </div>
          ))}
        </div>
      ) : null}
      {plan.missingSecrets.length ? (
        <p className="deploy-warning" role="alert">No value and none stored for: {plan.missingSecrets.join(', ')}</p>
      ) : null}
      {plan.warnings.map((w) => <p key={w} className="deploy-warning">{w}</p>)}
      {plan.once.length ? (
        <div className="deploy-plan-once">
          <h4>Once, on this machine, before the first batch</h4>
          <Steps steps={plan.once} />
        </div>
      ) : null}
      <ol className="deploy-plan-batches">
        {plan.batches.map((batch, i) => (
          <li key={i} className="deploy-plan-batch" data-testid="deploy-plan-batch">
            <h4>Batch {i + 1} <span className="hint">({batch.length} target{batch.length === 1 ? '' : 's'})</span></h4>
            {batch.map((id, j) => {
              const target = byId.get(id);
              return (
                <details key={id} className="deploy-plan-target" open={i === 0 && j === 0}>
                  <summary>{target?.label ?? id}{target && target.label !== id ? <span className="hint"> {id}</span> : null}</summary>
                  {target ? (
                    <>
                      <Steps steps={target.steps} />
                      {target.logs?.file || target.logs?.unit ? (
                        <div className="hint deploy-plan-rollback">
                          logs: <code>{target.logs.file ?? `journald unit ${target.logs.unit}`}</code>
                        </div>
                      ) : null}
                      {target.rollback.length ? (
                        <>
                          <div className="hint deploy-plan-rollback">on failure, rollback:</div>
                          <Steps steps={target.rollback} />
                        </>
                      ) : null}
                    </>
                  ) : null}
                </details>
              );
            })}
          </li>
        ))}
      </ol>
      {breaking ? <BreakLockDialog lock={breaking} onDone={(broken) => {
        setBreaking(undefined);
        if (broken) onLocksChanged();
      }} /> : null}
    </section>
  );
}

function Steps({ steps }: { steps: PlanStep[] }) {
  return (
    <table className="deploy-plan-steps">
      <tbody>
        {steps.map((s) => (
          <tr key={s.index}>
            <td className="deploy-step-index">{s.index + 1}</td>
            <td className="deploy-step-name">{s.name}<div className="hint">{s.kind}</div></td>
            <td><code className="deploy-step-detail">{s.detail}</code></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
