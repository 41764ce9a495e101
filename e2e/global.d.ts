import type { WorkbenchTestHooks } from '../shared/lib/test-hooks';
import type { Bridge } from '../shared/rpc/bridge';

declare global {
  interface Window {
    __workbench?: WorkbenchTestHooks;
    workbench?: Bridge;
  }
}
