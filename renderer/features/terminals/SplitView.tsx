import { Group, Panel, Separator } from 'react-resizable-panels';
import type { LayoutNode } from './layout';
import { TerminalPane } from './TerminalPane';

/** Renders a tab's layout tree; dividers are draggable (and keyboard-resizable). */
export function SplitView({ node, activePaneId }: { node: LayoutNode; activePaneId: string }) {
  if (node.kind === 'pane') return <TerminalPane paneId={node.paneId} active={node.paneId === activePaneId} />;
  return (
    <Group orientation={node.orientation} className="split-group" id={node.id}>
      {node.children.map((child, index) => {
        const key = child.kind === 'pane' ? child.paneId : child.id;
        return [
          index > 0 ? <Separator key={`${key}-sep`} className={`split-separator split-separator-${node.orientation}`} /> : null,
          <Panel key={key} id={key} minSize="10%" className="split-panel">
            <SplitView node={child} activePaneId={activePaneId} />
          </Panel>,
        ];
      })}
    </Group>
  );
}
