// The dialog the cloud view has open, if any.
import { useAppStore } from '../../../app/store';
import { ImportDialog } from './ImportDialog';
import { RebootDialog, TerminateDialog } from './ActionDialogs';

export function CloudDialogs() {
  const dialog = useAppStore((s) => s.cloudDialog);
  if (!dialog) return null;
  switch (dialog.type) {
    case 'reboot':
      return <RebootDialog ids={dialog.ids} />;
    case 'terminate':
      return <TerminateDialog id={dialog.id} />;
    case 'import':
      return <ImportDialog ids={dialog.ids} openAfter={dialog.openAfter} />;
  }
}
