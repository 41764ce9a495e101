// An object's YAML in CodeMirror: read-only until Edit; Apply sends the text
// with the resourceVersion it was read at, so an object changed meanwhile is
// a conflict the user resolves (reload, or re-apply over the change) rather
// than a change silently overwritten.
import { useEffect, useRef, useState } from 'react';
import { describeError, WorkbenchError } from '../../../../shared/contract/errors';
import { useAppStore } from '../../../app/store';
import { api } from '../../../transport/current';
import { shellSelectors } from '../../shell/store/selectors';
import { Spinner } from '../ClusterIcons';
import { toObjectRef } from '../store/action';
import type { KubeObjectRef } from '../store/initialState';
import type { LoadedObject } from './Details';
import type { YamlEditor } from './yaml-editor';

interface Conflict {
  /** The resourceVersion on the cluster now, when it could be read. */
  now: string | undefined;
  message: string;
}

export function YamlTab(props: { target: KubeObjectRef; loaded: LoadedObject | undefined; loading: boolean; error: string | undefined; onReload(): void; onEditing(editing: boolean): void }) {
  const { target, loaded, loading, error, onReload, onEditing } = props;
  const dark = useAppStore(shellSelectors.effectiveTheme) === 'dark';
  const pushToast = useAppStore((s) => s.pushToast);
  const hostRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<YamlEditor | undefined>(undefined);
  const editingRef = useRef(false);
  const [ready, setReady] = useState(false);
  const [editorError, setEditorError] = useState<string>();
  const [editing, setEditing] = useState(false);
  const [dirty, setDirty] = useState(false);
  const [applying, setApplying] = useState(false);
  const [applyError, setApplyError] = useState<string>();
  const [conflict, setConflict] = useState<Conflict>();

  useEffect(() => {
    let disposed = false;
    import('./yaml-editor')
      .then(({ createYamlEditor }) => {
        if (disposed || !hostRef.current) return;
        editorRef.current = createYamlEditor(hostRef.current, {
          text: '',
          dark: false,
          onChange: () => {
            if (editingRef.current) setDirty(true);
          },
        });
        setReady(true);
      })
      .catch((e: unknown) => setEditorError(`The YAML editor did not load: ${String(e)}`));
    return () => {
      disposed = true;
      editorRef.current?.destroy();
      editorRef.current = undefined;
    };
  }, []);

  useEffect(() => {
    if (ready) editorRef.current?.setDark(dark);
  }, [ready, dark]);

  useEffect(() => onEditing(editing), [editing, onEditing]);

  const setMode = (on: boolean) => {
    editingRef.current = on;
    setEditing(on);
    setDirty(false);
    editorRef.current?.setEditable(on);
  };

  // Another object: whatever was being edited is left behind.
  const key = `${target.context}/${target.resource.group}/${target.resource.resource}/${target.namespace}/${target.name}`;
  useEffect(() => {
    editingRef.current = false;
    setEditing(false);
    setDirty(false);
    setConflict(undefined);
    setApplyError(undefined);
    editorRef.current?.setEditable(false);
  }, [key]);

  // Fresh YAML replaces the text, unless the user is editing it.
  useEffect(() => {
    if (!ready || !loaded || editingRef.current) return;
    editorRef.current?.setText(loaded.yaml.yaml);
  }, [ready, loaded]);

  const apply = async (resourceVersion: string) => {
    const editor = editorRef.current;
    if (!editor || !loaded) return;
    setApplying(true);
    setApplyError(undefined);
    try {
      const result = await api().kube.apply({ ...toObjectRef(target), yaml: editor.getText(), resourceVersion });
      setConflict(undefined);
      setMode(false);
      pushToast(`Applied ${loaded.yaml.kind} ${target.namespace ? `${target.namespace}/` : ''}${target.name} (resourceVersion ${result.resourceVersion}).`);
      onReload();
    } catch (e) {
      const data = WorkbenchError.from(e).toData();
      if (data.code === 'conflict') {
        let now: string | undefined;
        try {
          now = (await api().kube.get(toObjectRef(target))).resourceVersion;
        } catch {
          // Gone or unreadable: main's message says what it knows.
        }
        setConflict({ now, message: data.message });
      } else {
        setApplyError(describeError(data));
      }
    } finally {
      setApplying(false);
    }
  };

  const masked = loaded?.yaml.masked ?? false;
  const what = `${loaded?.yaml.kind ?? target.kind ?? target.resource.resource} ${target.namespace ? `${target.namespace}/` : ''}${target.name}`;
  return (
    <div className="kube-yaml">
      <div className="kube-yaml-bar">
        {editing ? (
          <>
            <button type="button" className="primary" data-testid="kube-apply" disabled={applying} onClick={() => void apply(loaded!.yaml.resourceVersion)}>
              {applying ? 'Applying…' : 'Apply'}
            </button>
            <button
              type="button"
              data-testid="kube-edit-cancel"
              disabled={applying}
              onClick={() => {
                setMode(false);
                setConflict(undefined);
                setApplyError(undefined);
                if (loaded) editorRef.current?.setText(loaded.yaml.yaml);
              }}
            >
              Cancel
            </button>
            <span className="hint">{dirty ? 'Edited' : 'Editing'} from resourceVersion {loaded?.yaml.resourceVersion}</span>
          </>
        ) : (
          <>
            <button
              type="button"
              data-testid="kube-edit"
              disabled={!loaded || masked || !ready}
              title={masked ? 'Secret values are masked here: edit Secrets with kubectl' : 'Edit the YAML and apply it'}
              onClick={() => {
                setMode(true);
                editorRef.current?.focus();
              }}
            >
              Edit
            </button>
            <button type="button" data-testid="kube-yaml-reload" onClick={onReload} disabled={loading}>
              Reload
            </button>
            {loaded ? <span className="hint">resourceVersion {loaded.yaml.resourceVersion}</span> : null}
          </>
        )}
        {loading ? <Spinner label="Loading" /> : null}
      </div>
      {masked ? (
        <div className="kube-note" data-testid="kube-yaml-masked">
          Secret values are masked (••••••••), so this YAML is read-only here. Edit Secrets with kubectl.
        </div>
      ) : null}
      {conflict ? (
        <div className="kube-conflict" role="alert" data-testid="kube-conflict">
          <p>
            <strong>{what}</strong> was changed on the cluster since you opened it
            {conflict.now ? (
              <>
                {' '}
                (now at resourceVersion <code>{conflict.now}</code>)
              </>
            ) : null}
            . Reload to see the change, or re-apply over it.
          </p>
          <div className="kube-conflict-actions">
            <button
              type="button"
              data-testid="kube-conflict-reload"
              onClick={() => {
                setConflict(undefined);
                setMode(false);
                onReload();
              }}
            >
              Reload (drop my edits)
            </button>
            {conflict.now ? (
              <button type="button" className="danger" data-testid="kube-conflict-reapply" disabled={applying} onClick={() => void apply(conflict.now!)}>
                Re-apply over it
              </button>
            ) : null}
          </div>
          {!conflict.now ? <p className="hint">{conflict.message}</p> : null}
        </div>
      ) : null}
      {applyError ? (
        <div className="kube-error" role="alert" data-testid="kube-apply-error">
          {applyError}
        </div>
      ) : null}
      {error ? (
        <div className="kube-error" role="alert" data-testid="kube-details-error">
          {error}
        </div>
      ) : null}
      {editorError ? <div className="kube-error">{editorError}</div> : null}
      <div className={`kube-yaml-editor${editing ? ' editing' : ''}${!loaded ? ' stale' : ''}`} ref={hostRef} data-testid="kube-yaml-editor" data-editing={editing} hidden={!!error && !loaded} />
    </div>
  );
}
