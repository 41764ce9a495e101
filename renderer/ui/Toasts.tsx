import { useAppStore } from '../app/store';
import { shellSelectors } from '../features/shell/store/selectors';

export function Toasts() {
  const toasts = useAppStore(shellSelectors.toasts);
  const dismiss = useAppStore((s) => s.dismissToast);
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className="toast" role="status" onClick={() => dismiss(toast.id)}>
          {toast.message}
        </div>
      ))}
    </div>
  );
}
