import { useAppStore } from '../app/store';
import { shellSelectors } from '../features/shell/store/selectors';

/** Start-up problems the user must know about (a settings file set aside), until dismissed. */
export function NoticeBar() {
  const notices = useAppStore(shellSelectors.notices);
  const dismiss = useAppStore((s) => s.dismissNotice);
  const connection = useAppStore(shellSelectors.connection);
  return (
    <div className="notices">
      {connection === 'lost' ? (
        <div className="notice notice-error" role="alert">
          <strong>Disconnected from the workbench.</strong> Terminals and views have stopped updating. Reload the page (or restart the app) to reconnect.
        </div>
      ) : null}
      {notices.map((notice) => (
        <div key={notice.id} className={`notice notice-${notice.level}`} role="alert" data-notice-id={notice.id}>
          <div>
            <strong>{notice.title}.</strong> {notice.message}
          </div>
          <button type="button" className="notice-dismiss" aria-label="Dismiss" onClick={() => dismiss(notice.id)}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
