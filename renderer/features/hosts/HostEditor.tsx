import { useState } from 'react';
import type { Host } from '../../../shared/contract/hosts';
import { useAppStore } from '../../app/store';

const list = (text: string) => text.split(/[,\s]+/).map((s) => s.trim()).filter(Boolean);

/** Add a host to the inventory, or add groups, tags and notes (and overrides) to one. */
export function HostEditor({ host, onClose }: { host: Host | undefined; onClose(): void }) {
  const { saveHost, removeHost } = useAppStore.getState();
  const fromConfig = host?.source === 'ssh-config' || host?.source === 'both';
  const [form, setForm] = useState({
    id: host?.id ?? '',
    hostname: fromConfig ? '' : (host?.hostname ?? ''),
    port: fromConfig || !host ? '' : String(host.port),
    user: fromConfig ? '' : (host?.user ?? ''),
    proxyJump: fromConfig ? '' : (host?.proxyJump ?? ''),
    groups: host?.groups.join(', ') ?? '',
    tags: host?.tags.join(', ') ?? '',
    notes: host?.notes ?? '',
  });
  const [error, setError] = useState<string>();
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });

  const submit = async () => {
    if (!form.id.trim()) return setError('A name is required.');
    if (!fromConfig && !host && !form.hostname.trim()) return setError('A hostname or address is required.');
    const port = form.port.trim() ? Number(form.port) : undefined;
    if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) return setError('The port must be a number from 1 to 65535.');
    const ok = await saveHost({
      id: form.id.trim(),
      ...(host && host.id !== form.id.trim() ? { previousId: host.id } : {}),
      ...(form.hostname.trim() ? { hostname: form.hostname.trim() } : {}),
      ...(port ? { port } : {}),
      ...(form.user.trim() ? { user: form.user.trim() } : {}),
      ...(form.proxyJump.trim() ? { proxyJump: form.proxyJump.trim() } : {}),
      groups: list(form.groups),
      tags: list(form.tags),
      notes: form.notes,
    });
    if (ok) onClose();
  };

  return (
    <div className="overlay" onMouseDown={onClose}>
      <form
        className="dialog host-editor"
        role="dialog"
        aria-label={host ? `Edit ${host.id}` : 'Add host'}
        onMouseDown={(e) => e.stopPropagation()}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        onKeyDown={(e) => e.key === 'Escape' && onClose()}
      >
        <h2>{host ? `Edit ${host.id}` : 'Add host'}</h2>
        {fromConfig ? <p className="hint">Defined in {host?.definedAt}. Fields left empty keep what ~/.ssh/config says.</p> : null}
        <div className="form-grid">
          <label>Name<input value={form.id} onChange={set('id')} autoFocus placeholder="web-1" /></label>
          <label>Hostname or address<input value={form.hostname} onChange={set('hostname')} placeholder={fromConfig ? host?.hostname : '10.0.0.5'} /></label>
          <label>Port<input value={form.port} onChange={set('port')} inputMode="numeric" placeholder={fromConfig ? String(host?.port) : '22'} /></label>
          <label>User<input value={form.user} onChange={set('user')} placeholder={fromConfig ? host?.user : 'deploy'} /></label>
          <label>Jump hosts (ProxyJump)<input value={form.proxyJump} onChange={set('proxyJump')} placeholder={host?.proxyJump ?? 'bastion'} /></label>
          <label>Groups<input value={form.groups} onChange={set('groups')} placeholder="web, prod" /></label>
          <label>Tags<input value={form.tags} onChange={set('tags')} placeholder="eu-west, canary" /></label>
          <label className="span-2">Notes<textarea value={form.notes} onChange={set('notes')} rows={3} /></label>
        </div>
        {error ? <p className="error-text">{error}</p> : null}
        <div className="dialog-actions">
          {host && host.source !== 'ssh-config' ? (
            <button type="button" className="danger" onClick={() => void removeHost(host.id).then(onClose)}>
              Remove from inventory
            </button>
          ) : null}
          <span className="toolbar-spacer" />
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="primary">Save</button>
        </div>
      </form>
    </div>
  );
}
