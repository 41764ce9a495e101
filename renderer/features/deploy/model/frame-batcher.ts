// Gathers items (watch events) and hands them over at most once per frame:
// a step's output can arrive hundreds of times a second, the screen needs it
// sixty times. The scheduler is injectable so tests need no browser.

export interface FrameScheduler {
  request(callback: () => void): number;
  cancel(handle: number): void;
}

export const animationFrames: FrameScheduler = {
  request: (callback) => requestAnimationFrame(callback),
  cancel: (handle) => cancelAnimationFrame(handle),
};

export class FrameBatcher<T> {
  private pending: T[] = [];
  private handle = 0;

  constructor(
    private readonly deliver: (items: T[]) => void,
    private readonly scheduler: FrameScheduler = animationFrames,
  ) {}

  push(item: T): void {
    this.pending.push(item);
    if (!this.handle) this.handle = this.scheduler.request(() => this.flush());
  }

  /** Deliver what is pending now (the stream ended, or the view needs it at once). */
  flush(): void {
    if (this.handle) this.scheduler.cancel(this.handle);
    this.handle = 0;
    if (this.pending.length === 0) return;
    const items = this.pending;
    this.pending = [];
    this.deliver(items);
  }

  /** Drop what is pending and stop: the view went away. */
  dispose(): void {
    if (this.handle) this.scheduler.cancel(this.handle);
    this.handle = 0;
    this.pending = [];
  }
}
