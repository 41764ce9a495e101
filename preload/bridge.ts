// What `window.workbench` is: the contract's calls (over the port to main)
// plus one local helper, the path of a file dropped from the desktop, which
// only the preload can read (Electron's webUtils). Kept apart from index.ts
// so the surface test builds exactly what the page gets.
import { contract } from '../shared/contract';
import { buildBridge, type Bridge } from '../shared/rpc/bridge';
import type { RpcClient } from '../shared/rpc/client';

export interface FilePaths {
  getPathForFile(file: File): string;
}

export function createWorkbenchBridge(client: RpcClient, files: FilePaths): Bridge {
  return { ...buildBridge(contract, client), pathForFile: (file: unknown) => files.getPathForFile(file as File) };
}
