// A set of listeners for one kind of event: `add` returns the Disposable that
// removes it, `emit` calls each. What sessions and services expose as `onX`.
import { toDisposable, type Disposable } from './disposable';

export class Listeners<T> {
  private readonly set = new Set<(value: T) => void>();

  add(listener: (value: T) => void): Disposable {
    this.set.add(listener);
    return toDisposable(() => this.set.delete(listener));
  }

  emit(value: T): void {
    for (const listener of this.set) listener(value);
  }
}
