// The questions main asks while connecting. A host key shows its SHA256
// fingerprint and is written to known_hosts only if accepted. A typed secret
// lives only in this component's state and is gone once it is answered.
import { useEffect, useRef, useState } from 'react';
import type { SshPrompt } from '../../../shared/contract/ssh';
import { useAppStore } from '../../app/store';
import { sshSelectors } from './store/selectors';

export function PromptDialog() {
  const prompt = useAppStore(sshSelectors.currentPrompt);
  // A new key per question resets the form, so one host's password never prefills another's.
  return prompt ? <PromptForm key={prompt.id} prompt={prompt} /> : null;
}

function PromptForm({ prompt }: { prompt: SshPrompt }) {
  const answer = useAppStore((s) => s.answerPrompt);
  const [values, setValues] = useState<string[]>(() => (prompt.kind === 'keyboard-interactive' ? prompt.prompts.map(() => '') : ['']));
  const [remember, setRemember] = useState(false);
  const firstInput = useRef<HTMLInputElement>(null);
  const acceptButton = useRef<HTMLButtonElement>(null);
  useEffect(() => (prompt.kind === 'host-key' ? acceptButton.current?.focus() : firstInput.current?.focus()), [prompt.kind]);

  const cancel = () => void answer(prompt.id, { cancel: true });
  const submit = () => {
    if (prompt.kind === 'host-key') return void answer(prompt.id, { accept: true });
    void answer(prompt.id, { values, remember });
    setValues(values.map(() => ''));
  };

  return (
    <div className="overlay">
      <form
        className="dialog prompt-dialog"
        role="dialog"
        aria-modal="true"
        aria-label={title(prompt)}
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') cancel();
        }}
      >
        <h2>{title(prompt)}</h2>
        {prompt.kind === 'host-key' ? (
          <div className="dialog-body">
            <p>
              The authenticity of <strong>{prompt.target}</strong> can&apos;t be established; this is the first connection to it from here.
            </p>
            <p>
              {prompt.keyType} key fingerprint:
              <br />
              <code className="fingerprint" data-testid="host-key-fingerprint">{prompt.fingerprint}</code>
            </p>
            <p className="hint">Compare it with the one your administrator gave you (ssh-keygen -lf on the host). Accepting adds it to {prompt.knownHostsFile}.</p>
          </div>
        ) : (
          <div className="dialog-body">
            <p>
              {prompt.kind === 'passphrase' ? 'The key ' : ''}
              <strong>{prompt.target}</strong>
              {prompt.kind === 'passphrase' ? ' is encrypted.' : ''}
            </p>
            {'retry' in prompt && prompt.retry ? <p className="error-text">{prompt.retry}</p> : null}
            {prompt.kind === 'keyboard-interactive' && prompt.instructions ? <p>{prompt.instructions}</p> : null}
            {(prompt.kind === 'keyboard-interactive' ? prompt.prompts : [{ prompt: prompt.kind === 'password' ? 'Password' : 'Passphrase', echo: false }]).map((p, i) => (
              <label key={i} className="prompt-field">
                <span>{p.prompt.replace(/:\s*$/, '')}</span>
                <input
                  ref={i === 0 ? firstInput : undefined}
                  type={p.echo ? 'text' : 'password'}
                  autoComplete="off"
                  spellCheck={false}
                  value={values[i] ?? ''}
                  onChange={(e) => setValues(values.map((v, j) => (j === i ? e.target.value : v)))}
                />
              </label>
            ))}
            {prompt.kind !== 'keyboard-interactive' && prompt.canRemember ? (
              <label className="prompt-remember">
                <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} /> Remember in the secret store
              </label>
            ) : null}
          </div>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={cancel}>
            {prompt.kind === 'host-key' ? 'Reject' : 'Cancel'}
          </button>
          <button type="submit" className="primary" ref={acceptButton}>
            {prompt.kind === 'host-key' ? 'Accept and connect' : 'Continue'}
          </button>
        </div>
      </form>
    </div>
  );
}

function title(prompt: SshPrompt): string {
  switch (prompt.kind) {
    case 'host-key':
      return 'Unknown host key';
    case 'password':
      return 'Password';
    case 'passphrase':
      return 'Key passphrase';
    case 'keyboard-interactive':
      return prompt.name || 'Authentication';
  }
}
