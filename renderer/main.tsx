import { createRoot } from 'react-dom/client';
import '@xterm/xterm/css/xterm.css';
import './ui/theme.css';
import { describeError } from '../shared/contract/errors';
import { App } from './app/App';
import { installKeybindings } from './app/commands';
import { useAppStore } from './app/store';
import { installTestHooks } from './app/test-hooks';
import { connectTransport } from './transport';
import { setTransport } from './transport/current';

async function boot(): Promise<void> {
  const root = document.getElementById('root')!;
  let transport;
  try {
    transport = await connectTransport();
  } catch (error) {
    root.innerHTML = '';
    const message = document.createElement('div');
    message.className = 'boot-error';
    message.textContent = `Could not connect to the workbench: ${(error as Error).message}. If this is the web host, open the URL it printed (with its token).`;
    root.appendChild(message);
    return;
  }
  setTransport(transport);
  const store = useAppStore.getState();
  transport.onClose(() => useAppStore.getState().setConnection('lost'));
  transport.onNotice((error) => useAppStore.getState().pushToast(describeError(error)));

  const media = window.matchMedia('(prefers-color-scheme: dark)');
  store.setSystemDark(media.matches);
  media.addEventListener('change', (e) => useAppStore.getState().setSystemDark(e.matches));

  await Promise.all([
    transport.api.app.info({}).then((info) => useAppStore.getState().setAppInfo(info)),
    store.loadSettings(),
  ]).catch((error: unknown) => useAppStore.getState().pushToast(`Start-up: ${String(error)}`));

  // Questions from SSH connections and connection states, for the whole session.
  store.listenSsh();
  store.followHosts();
  if (useAppStore.getState().settings.fleet.monitorOnStart) store.startMonitoring();
  void store.loadHosts();
  installKeybindings();
  installTestHooks();
  createRoot(root).render(<App />);
}

void boot();
