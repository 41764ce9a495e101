// A scheduler for tests: frames and timers run when the test says, on a clock it moves.
import type { Scheduler } from './row-store';

export class ManualScheduler implements Scheduler {
  private time = 0;
  private seq = 0;
  private tasks: Array<{ id: number; at: number; run: () => void; frame: boolean }> = [];

  now(): number {
    return this.time;
  }

  frame(run: () => void): () => void {
    return this.add(run, this.time, true);
  }

  later(run: () => void, ms: number): () => void {
    return this.add(run, this.time + ms, false);
  }

  /** Move the clock on, running whatever falls due (frames run at the time they were asked for). */
  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const due = this.tasks.filter((t) => t.at <= until).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.tasks = this.tasks.filter((t) => t !== due);
      this.time = Math.max(this.time, due.at);
      due.run();
    }
    this.time = until;
  }

  /** Run everything pending, however far ahead. */
  drain(): void {
    for (let guard = 0; guard < 100_000 && this.tasks.length; guard++) this.advance(Math.max(0, Math.min(...this.tasks.map((t) => t.at)) - this.time));
  }

  get pending(): number {
    return this.tasks.length;
  }

  private add(run: () => void, at: number, frame: boolean): () => void {
    const task = { id: ++this.seq, at, run, frame };
    this.tasks.push(task);
    return () => {
      this.tasks = this.tasks.filter((t) => t !== task);
    };
  }
}
