// The command palette (Ctrl/Cmd+Shift+P): every command, searchable, with its shortcut.
import { Command as Cmdk } from 'cmdk';
import { COMMANDS, hostCommands, runCommand } from '../app/commands';
import { formatChord } from '../app/keys';
import { useAppStore } from '../app/store';
import { shellSelectors } from '../features/shell/store/selectors';

export function CommandPalette() {
  const open = useAppStore(shellSelectors.paletteOpen);
  return open ? <PaletteBody /> : null;
}

function PaletteBody() {
  const setOpen = useAppStore((s) => s.setPaletteOpen);
  // Which commands apply is decided once, when the palette opens.
  const state = useAppStore.getState();
  const available = [...COMMANDS, ...hostCommands(state)].filter((c) => c.id !== 'workbench.palette' && (!c.enabled || c.enabled(state)));
  return (
    <div className="overlay" onMouseDown={() => setOpen(false)}>
      <Cmdk
        label="Command palette"
        className="palette"
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setOpen(false);
        }}
        loop
      >
        <Cmdk.Input autoFocus placeholder="Type a command…" className="palette-input" />
        <Cmdk.List className="palette-list">
          <Cmdk.Empty className="palette-empty">No command matches.</Cmdk.Empty>
          {available.map((command) => (
            <Cmdk.Item
              key={command.id}
              value={`${command.category}: ${command.title}`}
              className="palette-item"
              onSelect={() => {
                setOpen(false);
                runCommand(command);
              }}
            >
              <span className="palette-category">{command.category}:</span> {command.title}
              {command.keys?.[0] ? <kbd className="palette-keys">{formatChord(command.keys[0])}</kbd> : null}
            </Cmdk.Item>
          ))}
        </Cmdk.List>
      </Cmdk>
    </div>
  );
}
