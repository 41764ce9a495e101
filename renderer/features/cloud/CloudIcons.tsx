// Line icons the cloud view needs beyond the app's set (24px grid, currentColor).
import type { ReactElement } from 'react';

const paths: Record<string, ReactElement> = {
  refresh: <><path d="M20 11a8 8 0 0 0-14.6-4.5L4 8" /><path d="M4 4v4h4" /><path d="M4 13a8 8 0 0 0 14.6 4.5L20 16" /><path d="M20 20v-4h-4" /></>,
  close: <path d="M6 6l12 12M18 6L6 18" />,
  terminal: <><rect x="3" y="4" width="18" height="16" rx="2" /><path d="M7 9l3 3-3 3M12 15h5" /></>,
  plus: <path d="M12 5v14M5 12h14" />,
  trash: <><path d="M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13" /></>,
  alert: <><path d="M12 3l10 18H2z" /><path d="M12 10v5M12 18h.01" /></>,
};

export function CloudIcon({ name, size = 14, title }: { name: keyof typeof paths; size?: number; title?: string }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden={title ? undefined : true} role={title ? 'img' : undefined} className="cloud-icon">
      {title ? <title>{title}</title> : null}
      {paths[name]}
    </svg>
  );
}

/** A small spinning ring: an instance changing state, a region being listed. */
export function Spinner({ label }: { label?: string }) {
  return <span className="cloud-spinner" role={label ? 'status' : undefined} aria-label={label} />;
}
