import { useState } from 'react';
import { useAppStore } from '../../app/store';

/** Add an Ansible inventory's hosts (INI or YAML) to the app's inventory, with their groups. */
export function ImportDialog({ onClose }: { onClose(): void }) {
  const importAnsible = useAppStore((s) => s.importAnsible);
  const [path, setPath] = useState('');
  const [result, setResult] = useState<string>();
  const [busy, setBusy] = useState(false);
  return (
    <div className="overlay" onMouseDown={onClose}>
      <form
        className="dialog"
        role="dialog"
        aria-label="Import an Ansible inventory"
        onMouseDown={(e) => e.stopPropagation()}
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          void importAnsible(path.trim()).then((r) => {
            setBusy(false);
            if (r) setResult(r);
          });
        }}
        onKeyDown={(e) => e.key === 'Escape' && onClose()}
      >
        <h2>Import an Ansible inventory</h2>
        <p className="hint">An INI or YAML inventory file on this machine. Groups, children, ansible_host, ansible_port and ansible_user are kept; hosts already present are left as they are.</p>
        <label className="prompt-field">
          <span>Inventory file</span>
          <input value={path} onChange={(e) => setPath(e.target.value)} placeholder="/etc/ansible/hosts" autoFocus />
        </label>
        {result ? <p role="status" className="import-result">{result}</p> : null}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>{result ? 'Close' : 'Cancel'}</button>
          <button type="submit" className="primary" disabled={!path.trim() || busy}>{busy ? 'Importing…' : 'Import'}</button>
        </div>
      </form>
    </div>
  );
}
