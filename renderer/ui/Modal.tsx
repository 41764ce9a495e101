// A dialog frame for a feature's actions (clusters, cloud): title, body, buttons; Escape and a
// click outside close it unless something is running.
import type { ReactNode } from 'react';

export function Modal(props: { title: string; testId: string; children: ReactNode; actions: ReactNode; onClose(): void; busy?: boolean; wide?: boolean; className?: string }) {
  const close = () => {
    if (!props.busy) props.onClose();
  };
  return (
    <div className="overlay" onMouseDown={close}>
      <div
        className={`dialog ${props.className ?? ''}${props.wide ? ' wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={props.title}
        data-testid={props.testId}
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            close();
          }
        }}
      >
        <h2>{props.title}</h2>
        <div className="dialog-body">{props.children}</div>
        <div className="dialog-actions">{props.actions}</div>
      </div>
    </div>
  );
}
