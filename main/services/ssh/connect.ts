// One SSH hop: TCP (or a stream through a jump host), host key checked against
// known_hosts, then authentication in OpenSSH's order: agent, identity files
// (asking for a passphrase when a key is encrypted), keyboard-interactive,
// password. Whatever fails says which it was.
import { existsSync, readFileSync } from 'node:fs';
import type { Duplex } from 'node:stream';
import { Client, utils, type AnyAuthMethod, type AuthenticationType, type ConnectConfig, type KeyboardInteractiveCallback, type Prompt } from 'ssh2';
import type { PromptAnswer } from '../../../shared/contract/ssh';
import type { Logger } from '../log';
import type { SecretStore } from '../store/secrets';
import { Deadline } from './deadline';
import { classifyConnectError, SshError } from './errors';
import { verifyHostKey, type HostKeyPolicy } from './host-key';
import type { Asker } from './prompts';

export interface HopOptions extends HostKeyPolicy {
  /** For messages: "deploy@web-1 (127.0.0.1:2222)". */
  label: string;
  hostname: string;
  port: number;
  user: string;
  identityFiles: string[];
  identitiesOnly: boolean;
  keepaliveIntervalMs: number;
  keepaliveCountMax: number;
  connectTimeoutMs: number;
  forwardAgent: boolean;
  /** PreferredAuthentications, minus methods switched off (PubkeyAuthentication no, ...). */
  authMethods: AuthMethodName[];
}

export type AuthMethodName = 'publickey' | 'keyboard-interactive' | 'password';
export const DEFAULT_AUTH_METHODS: AuthMethodName[] = ['publickey', 'keyboard-interactive', 'password'];

export interface ConnectDeps {
  /** Asks the user; absent when nobody can be asked (a reconnect in the background). */
  asker: Asker | undefined;
  secrets: SecretStore;
  log: Logger;
  /** A stream through the previous hop (ProxyJump). */
  sock?: Duplex;
  env?: NodeJS.ProcessEnv;
}

const MAX_TRIES = 3;

export function passwordKey(hop: Pick<HopOptions, 'user' | 'hostname' | 'port'>): string {
  return `ssh-password:${hop.user}@${hop.hostname}:${hop.port}`;
}

export function passphraseKey(file: string): string {
  return `ssh-passphrase:${file}`;
}

export function connectHop(hop: HopOptions, deps: ConnectDeps): Promise<Client> {
  const env = deps.env ?? process.env;
  const client = new Client();
  const tried: string[] = [];
  /** The user cancelled a question: stop authenticating, as Ctrl+C at ssh's prompt does. */
  const cancelled = { value: false };
  /** Secrets to remember once authentication has succeeded (never a wrong one). */
  const toRemember = new Map<string, string>();

  return new Promise<Client>((resolve, reject) => {
    let settled = false;
    const fail = (error: SshError) => {
      if (settled) return;
      settled = true;
      deadline.disarm();
      client.removeAllListeners('ready');
      client.end();
      client.destroy();
      reject(error);
    };
    const deadline = new Deadline(hop.connectTimeoutMs, () =>
      fail(new SshError('timeout', `no answer within ${Math.round(hop.connectTimeoutMs / 1000)} s`, hop.label)),
    );
    let hostKeyProblem: SshError | undefined;

    /** Ask the user with the network timeout paused. */
    const ask = async (request: Parameters<Asker>[0]): Promise<PromptAnswer | undefined> => {
      if (!deps.asker) return undefined;
      deadline.disarm();
      try {
        return await deps.asker(request);
      } finally {
        if (!settled) deadline.arm();
      }
    };

    const auth = authSequence(hop, env, tried, toRemember, deps, ask, cancelled);
    const config: ConnectConfig = {
      host: hop.hostname,
      port: hop.port,
      username: hop.user,
      // ssh2's own readyTimeout also runs while the user types a password: ours pauses for that.
      readyTimeout: 0,
      keepaliveInterval: hop.keepaliveIntervalMs,
      keepaliveCountMax: hop.keepaliveCountMax,
      hostVerifier: (key: Buffer, verify: (valid: boolean) => void) => {
        deadline.disarm();
        verifyHostKey(key, hop, ask)
          .then(() => {
            if (!settled) deadline.arm();
            verify(true);
          })
          .catch((error: unknown) => {
            hostKeyProblem = error as SshError;
            verify(false);
            fail(hostKeyProblem);
          });
      },
      // ssh2 also accepts `false` ("no more methods"), which its types leave out.
      authHandler: ((methodsLeft: AuthenticationType[] | null, _partial: boolean | null, next: (method: AnyAuthMethod | false) => void) => {
        deadline.disarm();
        void auth(methodsLeft).then(
          (method) => {
            if (settled) return;
            deadline.arm();
            next(method);
          },
          (error: unknown) => fail(error instanceof SshError ? error : new SshError('auth', String(error), hop.label)),
        );
      }) as unknown as NonNullable<ConnectConfig['authHandler']>,
    };
    if (deps.sock) config.sock = deps.sock;
    if (hop.forwardAgent && env.SSH_AUTH_SOCK) {
      config.agent = env.SSH_AUTH_SOCK;
      config.agentForward = true;
    }

    client.once('ready', () => {
      if (settled) return;
      settled = true;
      deadline.disarm();
      for (const [key, value] of toRemember) deps.secrets.set(key, value);
      resolve(client);
    });
    client.on('error', (error: Error & { level?: string }) => {
      if (settled) return;
      if (hostKeyProblem) return fail(hostKeyProblem);
      if (error.level === 'client-authentication') {
        const methods = tried.length ? tried.join(', ') : 'none the server accepts';
        const what = cancelled.value ? 'authentication cancelled' : 'authentication failed';
        return fail(new SshError('auth', `${what} for ${hop.user}; tried: ${methods}`, hop.label));
      }
      fail(classifyConnectError(error, hop.label));
    });
    client.once('close', () => fail(new SshError('lost', 'the connection closed before it was ready', hop.label)));

    deadline.arm();
    client.connect(config);
  });
}

type Ask = (request: Parameters<Asker>[0]) => Promise<PromptAnswer | undefined>;

/** The next authentication method each time the server asks, in OpenSSH's order. */
function authSequence(hop: HopOptions, env: NodeJS.ProcessEnv, tried: string[], toRemember: Map<string, string>, deps: ConnectDeps, ask: Ask, cancelled: { value: boolean }) {
  type Step = (allowed: Set<string>) => Promise<AnyAuthMethod | 'skip' | 'again'>;
  const byMethod: Record<AuthMethodName, Step[]> = { publickey: [], 'keyboard-interactive': [], password: [] };
  let steps = byMethod.publickey;
  const username = hop.user;

  // 1. The agent (unless IdentitiesOnly restricts us to the listed files).
  if (env.SSH_AUTH_SOCK && !hop.identitiesOnly) {
    steps.push(async (allowed) => {
      if (!allowed.has('publickey')) return 'skip';
      tried.push('agent');
      return { type: 'agent', username, agent: env.SSH_AUTH_SOCK! };
    });
  }

  // 2. Identity files that exist, in order; encrypted ones need their passphrase.
  for (const file of hop.identityFiles) {
    steps.push(async (allowed) => {
      if (!allowed.has('publickey') || !existsSync(file)) return 'skip';
      let data: Buffer;
      try {
        data = readFileSync(file);
      } catch (error) {
        deps.log.warn('identity file unreadable', { file, error: (error as Error).message });
        return 'skip';
      }
      const parsed = utils.parseKey(data);
      if (!(parsed instanceof Error)) {
        tried.push(`publickey (${file})`);
        return { type: 'publickey', username, key: data };
      }
      if (!/encrypted|passphrase/i.test(parsed.message)) {
        deps.log.warn('identity file is not a key ssh2 can use', { file, reason: parsed.message });
        return 'skip';
      }
      const remembered = deps.secrets.get(passphraseKey(file));
      if (remembered !== undefined && !(utils.parseKey(data, remembered) instanceof Error)) {
        tried.push(`publickey (${file})`);
        return { type: 'publickey', username, key: data, passphrase: remembered };
      }
      let retry: string | undefined;
      for (let i = 0; i < MAX_TRIES; i++) {
        const answer = await ask({ kind: 'passphrase', target: file, canRemember: true, ...(retry ? { retry } : {}) });
        if (answer?.cancel) cancelled.value = true;
        if (!answer || answer.cancel || !answer.values?.[0]) return 'skip';
        const passphrase = answer.values[0];
        if (utils.parseKey(data, passphrase) instanceof Error) {
          retry = 'wrong passphrase, try again';
          continue;
        }
        if (answer.remember) toRemember.set(passphraseKey(file), passphrase);
        tried.push(`publickey (${file})`);
        return { type: 'publickey', username, key: data, passphrase };
      }
      return 'skip';
    });
  }

  // 3. Keyboard-interactive (one-time codes, PAM prompts), asked in the UI.
  steps = byMethod['keyboard-interactive'];
  for (let i = 0; i < MAX_TRIES; i++) {
    steps.push(async (allowed) => {
      if (!allowed.has('keyboard-interactive') || !deps.asker) return 'skip';
      if (i === 0) tried.push('keyboard-interactive');
      return {
        type: 'keyboard-interactive',
        username,
        prompt: (name: string, instructions: string, _lang: string, prompts: Prompt[], finish: KeyboardInteractiveCallback) => {
          if (prompts.length === 0) return finish([]);
          void ask({
            kind: 'keyboard-interactive',
            target: hop.label,
            name,
            instructions,
            prompts: prompts.map((p) => ({ prompt: p.prompt, echo: p.echo ?? false })),
            ...(i > 0 ? { retry: 'that did not work, try again' } : {}),
          }).then(
            (answer) => {
              if (answer?.cancel) cancelled.value = true;
              finish(answer && !answer.cancel ? (answer.values ?? []) : []);
            },
            () => finish([]),
          );
        },
      };
    });
  }

  // 4. Password: the remembered one first, then asked (three tries, as OpenSSH).
  steps = byMethod.password;
  const remembered = deps.secrets.get(passwordKey(hop));
  if (remembered !== undefined) {
    steps.push(async (allowed) => {
      if (!allowed.has('password')) return 'skip';
      tried.push('password (remembered)');
      return { type: 'password', username, password: remembered };
    });
  }
  for (let i = 0; i < MAX_TRIES; i++) {
    steps.push(async (allowed) => {
      if (!allowed.has('password') || !deps.asker) return 'skip';
      const answer = await ask({ kind: 'password', target: hop.label, canRemember: true, ...(i > 0 || remembered !== undefined ? { retry: 'wrong password, try again' } : {}) });
      if (answer?.cancel) cancelled.value = true;
      if (!answer || answer.cancel || answer.values?.[0] === undefined) return 'skip';
      if (i === 0) tried.push('password');
      const password = answer.values[0];
      if (answer.remember) toRemember.set(passwordKey(hop), password);
      else toRemember.delete(passwordKey(hop));
      return { type: 'password', username, password };
    });
  }

  // In the order PreferredAuthentications gives (OpenSSH's default: publickey, keyboard-interactive, password).
  const ordered = hop.authMethods.flatMap((method) => byMethod[method]);
  let index = 0;
  return async (methodsLeft: AuthenticationType[] | null): Promise<AnyAuthMethod | false> => {
    // The first call comes before the server has said what it accepts: assume everything.
    const allowed = new Set<string>(methodsLeft ?? ['publickey', 'keyboard-interactive', 'password']);
    while (index < ordered.length && !cancelled.value) {
      const result = await ordered[index++]!(allowed);
      if (result !== 'skip' && result !== 'again') return result;
    }
    return false;
  };
}
