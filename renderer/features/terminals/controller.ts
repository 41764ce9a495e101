// One terminal pane's xterm.js instance and its session. High-rate output goes
// straight from the stream into xterm (never through React or the store), and
// each chunk is acknowledged to main only once xterm has parsed it: that is
// the renderer's half of end-to-end flow control.
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon, type ISearchOptions } from '@xterm/addon-search';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { WebglAddon } from '@xterm/addon-webgl';
import { Terminal, type ITheme } from '@xterm/xterm';
import { describeError, WorkbenchError } from '../../../shared/contract/errors';
import type { TerminalSettings } from '../../../shared/contract/settings';
import type { Subscription } from '../../../shared/rpc/api';
import { api } from '../../transport/current';
import { webglInfo } from './gpu';
import type { PaneConnection, PaneTarget } from './store/initialState';
import { openRequest, targetTitle } from './targets';

export type PaneStatus = 'starting' | 'running' | 'exited' | 'failed';

export interface PaneUpdate {
  initialInput?: undefined;
  status?: PaneStatus;
  connection?: PaneConnection;
  sessionId?: string;
  title?: string;
  exitCode?: number;
  error?: string;
  cols?: number;
  rows?: number;
  renderer?: 'webgl' | 'dom';
}

export interface TerminalStats {
  /** Characters received from main. */
  received: number;
  /** Characters xterm has parsed (and acknowledged). */
  parsed: number;
}

const SEARCH_DECORATIONS: NonNullable<ISearchOptions['decorations']> = {
  matchBackground: '#ffd33d55',
  matchOverviewRuler: '#ffd33d',
  activeMatchBackground: '#ff9632aa',
  activeMatchColorOverviewRuler: '#ff9632',
};

export class TerminalController {
  /** Lives as long as the pane; moved between DOM parents when the layout changes. */
  readonly element: HTMLDivElement;
  readonly stats: TerminalStats = { received: 0, parsed: 0 };
  private readonly term: Terminal;
  private readonly fit = new FitAddon();
  private readonly search = new SearchAddon({ highlightLimit: 2000 });
  private webgl: WebglAddon | undefined;
  private sessionId: string | undefined;
  private subscription: Subscription | undefined;
  private opened = false;
  private disposed = false;
  private resizeObserver: ResizeObserver | undefined;
  private fitFrame = 0;
  private settings: TerminalSettings;

  constructor(
    readonly paneId: string,
    private readonly target: PaneTarget,
    settings: TerminalSettings,
    theme: ITheme,
    private readonly update: (patch: PaneUpdate) => void,
    private readonly openLink: (url: string) => void,
    /** What the user typed here, for broadcasting to other panes. */
    private readonly onUserInput: (data: string) => void = () => {},
    /** Input waiting for the session to connect (once). */
    private readonly takeInitialInput: () => string | undefined = () => undefined,
    /** Close the pane (Ctrl+C in a read-only logs pane). */
    private readonly requestClose: () => void = () => {},
  ) {
    this.settings = settings;
    this.element = document.createElement('div');
    this.element.className = 'xterm-host';
    this.element.dataset.paneId = paneId;
    this.term = new Terminal({
      scrollback: settings.scrollback,
      fontSize: settings.fontSize,
      fontFamily: settings.fontFamily,
      cursorBlink: settings.cursorBlink,
      theme,
      allowProposedApi: true, // the search addon's match decorations
      macOptionIsMeta: true,
      rightClickSelectsWord: true,
    });
    this.term.loadAddon(this.fit);
    this.term.loadAddon(this.search);
    this.term.loadAddon(new WebLinksAddon((_event, uri) => this.openLink(uri)));
    this.term.onData((data) => this.input(data));
    this.term.onResize(({ cols, rows }) => {
      this.update({ cols, rows });
      if (this.sessionId) api().terminals.resize({ id: this.sessionId, cols, rows });
    });
    this.term.onTitleChange((title) => this.update({ title }));
    this.term.onSelectionChange(() => {
      if (this.settings.copyOnSelect && this.term.hasSelection()) void navigator.clipboard?.writeText(this.term.getSelection()).catch(() => {});
    });
  }

  /** Show the terminal inside `host`; the first time, also start its session. */
  mount(host: HTMLElement): void {
    if (this.disposed) return;
    if (this.element.parentElement !== host) host.appendChild(this.element);
    if (!this.opened) {
      this.opened = true;
      this.term.open(this.element);
      this.loadRenderer();
      this.fitSoon(true);
      this.resizeObserver = new ResizeObserver(() => this.fitSoon());
      this.resizeObserver.observe(this.element);
      void this.start();
    } else {
      this.fitSoon();
    }
  }

  private loadRenderer(): void {
    if (this.settings.renderer === 'dom' || (this.settings.renderer === 'auto' && !webglInfo().hardware)) {
      this.update({ renderer: 'dom' });
      return;
    }
    try {
      const webgl = new WebglAddon();
      webgl.onContextLoss(() => {
        // The GPU went away (driver reset, too many contexts): keep going on the DOM renderer.
        webgl.dispose();
        this.webgl = undefined;
        this.update({ renderer: 'dom' });
      });
      this.term.loadAddon(webgl);
      this.webgl = webgl;
      this.update({ renderer: 'webgl' });
    } catch {
      this.update({ renderer: 'dom' });
    }
  }

  private fitSoon(immediately = false): void {
    if (immediately) {
      this.fitNow();
      return;
    }
    if (this.fitFrame) return;
    this.fitFrame = requestAnimationFrame(() => {
      this.fitFrame = 0;
      this.fitNow();
    });
  }

  private fitNow(): void {
    if (this.disposed || !this.element.isConnected || this.element.clientWidth === 0) return;
    try {
      this.fit.fit();
    } catch {
      // not measurable yet (hidden tab); the next resize fits it
    }
  }

  private async start(): Promise<void> {
    this.update({ status: 'starting', cols: this.term.cols, rows: this.term.rows });
    try {
      const info = await api().terminals.open(openRequest(this.target, { cols: this.term.cols, rows: this.term.rows }));
      if (this.disposed) {
        void api().terminals.close({ id: info.id });
        return;
      }
      this.sessionId = info.id;
      // A shell's tab names the container main chose when none was asked for; a logs tab names the pod.
      const title = this.target.kind === 'kube-exec' ? targetTitle({ ...this.target, ...(info.pod?.container ? { container: info.pod.container } : {}) }) : this.isPod ? targetTitle(this.target) : info.title;
      this.update({ status: 'running', sessionId: info.id, title });
      this.subscription = api().terminals.output(
        { id: info.id },
        {
          onEvent: (event) => {
            if (event.type === 'data') {
              const size = event.data.length;
              this.stats.received += size;
              this.term.write(event.data, () => {
                this.stats.parsed += size;
                this.subscription?.ack(size);
              });
            } else if (event.type === 'state') {
              const connection: PaneConnection = { state: event.state, at: Date.now() };
              if (event.attempt !== undefined) connection.attempt = event.attempt;
              if (event.nextRetryInMs !== undefined) connection.nextRetryInMs = event.nextRetryInMs;
              if (event.reason !== undefined) connection.reason = event.reason;
              if (event.failure !== undefined) connection.failure = event.failure;
              this.update({ connection });
              if (event.state === 'connected') {
                const pending = this.takeInitialInput();
                if (pending) this.send(pending);
              }
            } else {
              this.term.write(`\r\n\x1b[2m[process exited with code ${event.exitCode}${event.signal ? `, signal ${event.signal}` : ''}]\x1b[0m\r\n`);
              this.update({ status: 'exited', exitCode: event.exitCode });
            }
          },
          onEnd: (error) => {
            if (error && !this.disposed) {
              this.term.write(`\r\n\x1b[31m[${describeError(error)}]\x1b[0m\r\n`);
              this.update({ status: 'failed', error: describeError(error) });
            }
          },
        },
      );
    } catch (error) {
      const message = describeError(WorkbenchError.from(error).toData());
      this.term.write(`\x1b[31mCould not start the terminal: ${message}\x1b[0m\r\n`);
      this.update({ status: 'failed', error: message });
    }
  }

  private input(data: string): void {
    if (this.readOnly) {
      // Logs are read, not typed into: Ctrl+C closes the tab, as it would stop `kubectl logs -f`.
      if (data === '\x03') this.requestClose();
      return;
    }
    this.send(data);
    this.onUserInput(data);
  }

  /** Write into this pane's session (typed here, or broadcast from another pane). */
  send(data: string): void {
    if (this.sessionId && !this.readOnly) api().terminals.write({ id: this.sessionId, data });
  }

  /** A logs pane: nothing typed reaches the session. */
  get readOnly(): boolean {
    return this.target.kind === 'kube-logs';
  }

  private get isPod(): boolean {
    return this.target.kind === 'kube-exec' || this.target.kind === 'kube-logs';
  }

  reconnect(): void {
    if (this.sessionId) void api().terminals.reconnect({ id: this.sessionId }).catch(() => {});
  }

  get id(): string | undefined {
    return this.sessionId;
  }

  get size(): { cols: number; rows: number } {
    return { cols: this.term.cols, rows: this.term.rows };
  }

  focus(): void {
    this.term.focus();
  }

  applySettings(settings: TerminalSettings): void {
    this.settings = settings;
    this.term.options.scrollback = settings.scrollback;
    this.term.options.fontSize = settings.fontSize;
    this.term.options.fontFamily = settings.fontFamily;
    this.term.options.cursorBlink = settings.cursorBlink;
    this.fitSoon();
  }

  applyTheme(theme: ITheme): void {
    this.term.options.theme = theme;
  }

  async copySelection(): Promise<void> {
    const text = this.term.getSelection();
    if (text) await navigator.clipboard.writeText(text);
  }

  async pasteClipboard(): Promise<void> {
    const text = await navigator.clipboard.readText();
    if (text) this.term.paste(text);
  }

  find(query: string, direction: 'next' | 'previous', options: { caseSensitive: boolean; regex: boolean }): boolean {
    if (!query) {
      this.search.clearDecorations();
      return false;
    }
    const searchOptions: ISearchOptions = { ...options, decorations: SEARCH_DECORATIONS };
    try {
      return direction === 'next' ? this.search.findNext(query, { ...searchOptions, incremental: true }) : this.search.findPrevious(query, searchOptions);
    } catch {
      return false; // an invalid regex while typing
    }
  }

  onSearchResults(listener: (index: number, count: number) => void): () => void {
    const sub = this.search.onDidChangeResults(({ resultIndex, resultCount }) => listener(resultIndex, resultCount));
    return () => sub.dispose();
  }

  clearSearch(): void {
    this.search.clearDecorations();
    this.term.clearSelection();
  }

  /** The buffer as plain text, trailing blank lines dropped (test hooks, export). */
  text(): string {
    const buffer = this.term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i)?.translateToString(true) ?? '');
    while (lines.length && lines[lines.length - 1] === '') lines.pop();
    return lines.join('\n');
  }

  get rendererKind(): 'webgl' | 'dom' {
    return this.webgl ? 'webgl' : 'dom';
  }

  /** Direct access for benchmarks that measure the view's own limit. */
  get xterm(): Terminal {
    return this.term;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.fitFrame) cancelAnimationFrame(this.fitFrame);
    this.resizeObserver?.disconnect();
    this.subscription?.close();
    if (this.sessionId) void api().terminals.close({ id: this.sessionId }).catch(() => {});
    this.term.dispose();
    this.element.remove();
  }
}

