// The YAML editor (CodeMirror 6), loaded on first use so the app starts
// without it. Read-only until the user chooses to edit; one-dark in the dark
// theme, the app's own colours in the light one.
import { yaml } from '@codemirror/lang-yaml';
import { Compartment, EditorState } from '@codemirror/state';
import { oneDark } from '@codemirror/theme-one-dark';
import { EditorView } from '@codemirror/view';
import { basicSetup } from 'codemirror';

export interface YamlEditor {
  getText(): string;
  setText(text: string): void;
  setEditable(editable: boolean): void;
  setDark(dark: boolean): void;
  focus(): void;
  destroy(): void;
}

const light = EditorView.theme(
  {
    '&': { backgroundColor: 'var(--bg-sunken)', color: 'var(--text)' },
    '.cm-gutters': { backgroundColor: 'var(--bg-elevated)', color: 'var(--text-muted)', borderRight: '1px solid var(--border)' },
    '.cm-activeLine': { backgroundColor: 'color-mix(in srgb, var(--accent) 6%, transparent)' },
    '.cm-activeLineGutter': { backgroundColor: 'color-mix(in srgb, var(--accent) 10%, transparent)' },
  },
  { dark: false },
);

const base = EditorView.theme({
  '&': { height: '100%', fontSize: '12px' },
  '.cm-scroller': { fontFamily: "ui-monospace, 'DejaVu Sans Mono', Menlo, monospace", lineHeight: '1.5' },
  '&.cm-focused': { outline: 'none' },
});

export function createYamlEditor(parent: HTMLElement, options: { text: string; dark: boolean; onChange?: (text: string) => void }): YamlEditor {
  const editable = new Compartment();
  const theme = new Compartment();
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: options.text,
      extensions: [
        basicSetup,
        yaml(),
        base,
        EditorView.lineWrapping,
        theme.of(options.dark ? oneDark : light),
        editable.of([EditorState.readOnly.of(true), EditorView.editable.of(false)]),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onChange?.(update.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    getText: () => view.state.doc.toString(),
    setText(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    setEditable(on) {
      view.dispatch({ effects: editable.reconfigure([EditorState.readOnly.of(!on), EditorView.editable.of(on)]) });
    },
    setDark(dark) {
      view.dispatch({ effects: theme.reconfigure(dark ? oneDark : light) });
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}
