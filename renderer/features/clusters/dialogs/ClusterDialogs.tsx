// Whichever cluster dialog is open.
import { useAppStore } from '../../../app/store';
import { DrainDialog } from './DrainDialog';
import { PortForwardDialog } from './PortForwardDialog';
import { ContainerDialog, DeleteDialog, RestartDialog, ScaleDialog } from './SimpleDialogs';

export function ClusterDialogs() {
  const dialog = useAppStore((s) => s.clusterDialog);
  if (!dialog) return null;
  switch (dialog.type) {
    case 'scale':
      return <ScaleDialog target={dialog.target} replicas={dialog.replicas} />;
    case 'restart':
      return <RestartDialog target={dialog.target} />;
    case 'delete':
      return <DeleteDialog target={dialog.target} />;
    case 'drain':
      return <DrainDialog context={dialog.context} node={dialog.node} />;
    case 'container':
      return <ContainerDialog purpose={dialog.purpose} target={dialog.target} containers={dialog.containers} />;
    case 'port-forward':
      return <PortForwardDialog target={dialog.target} />;
  }
}
