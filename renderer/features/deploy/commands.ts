// The Deployments commands of the palette.
import type { Command } from '../../app/commands';

export const DEPLOY_COMMANDS: Command[] = [
  { id: 'deploy.run', title: 'Deploy: run recipe…', category: 'Deploy', run: (s) => s.deployTo(undefined) },
  { id: 'deploy.history', title: 'Deploy: history', category: 'Deploy', run: (s) => s.showDeploy({ kind: 'history' }) },
  { id: 'deploy.locks', title: 'Deploy: locks', category: 'Deploy', run: (s) => s.showDeploy({ kind: 'locks' }) },
];
