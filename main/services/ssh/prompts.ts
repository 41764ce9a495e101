// Questions main must ask the user while connecting (a host key to accept, a
// password, a passphrase, keyboard-interactive prompts). Each renderer
// connection subscribes once; a question goes to the window that started the
// action. Answers (secrets) pass through here to the SSH library and are not
// kept: nothing is logged, nothing is stored unless the user said "remember".
import { randomBytes } from 'node:crypto';
import type { PromptAnswer, SshPrompt } from '../../../shared/contract/ssh';
import { WorkbenchError } from '../../../shared/contract/errors';
import { toDisposable, type Disposable } from '../../../shared/lib/disposable';

export type PromptRequest = SshPrompt extends infer P ? (P extends unknown ? Omit<P, 'id'> : never) : never;

/** How a connection attempt asks its user; `undefined` answers mean "no user to ask". */
export type Asker = (prompt: PromptRequest) => Promise<PromptAnswer>;

interface Pending {
  resolve(answer: PromptAnswer): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
  ownerId: number;
}

const PROMPT_TIMEOUT_MS = 5 * 60_000;

export class PromptBroker {
  private readonly sinks = new Map<number, (prompt: SshPrompt) => void>();
  private readonly pending = new Map<string, Pending>();

  /** A renderer connection starts listening for questions. */
  attach(ownerId: number, sink: (prompt: SshPrompt) => void): Disposable {
    this.sinks.set(ownerId, sink);
    return toDisposable(() => {
      if (this.sinks.get(ownerId) === sink) this.sinks.delete(ownerId);
      for (const [id, p] of this.pending) {
        if (p.ownerId === ownerId) this.settle(id, new WorkbenchError({ code: 'unavailable', message: 'the window that was asked closed' }));
      }
    });
  }

  /** An asker bound to one renderer connection. */
  askerFor(ownerId: number): Asker {
    return (request) => this.ask(ownerId, request);
  }

  ask(ownerId: number, request: PromptRequest): Promise<PromptAnswer> {
    const sink = this.sinks.get(ownerId);
    if (!sink) {
      return Promise.reject(new WorkbenchError({ code: 'unavailable', message: 'this needs an answer from you, but no window is listening for questions' }));
    }
    const id = `p${randomBytes(8).toString('hex')}`;
    return new Promise<PromptAnswer>((resolve, reject) => {
      const timer = setTimeout(() => this.settle(id, new WorkbenchError({ code: 'timeout', message: 'no answer within 5 minutes' })), PROMPT_TIMEOUT_MS);
      timer.unref?.();
      this.pending.set(id, { resolve, reject, timer, ownerId });
      sink({ ...request, id } as SshPrompt);
    });
  }

  answer(ownerId: number, id: string, answer: PromptAnswer): boolean {
    const pending = this.pending.get(id);
    if (!pending || pending.ownerId !== ownerId) return false;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    pending.resolve(answer);
    return true;
  }

  private settle(id: string, error: Error): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    pending.reject(error);
  }
}
