/**
 * A timeout that can be paused: it limits how long we wait for the network,
 * never how long a person takes to type a password.
 */
export class Deadline {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private fired = false;

  constructor(
    private readonly ms: number,
    private readonly onExpire: () => void,
  ) {}

  arm(): void {
    if (this.fired || this.ms <= 0) return;
    this.disarm();
    this.timer = setTimeout(() => {
      this.fired = true;
      this.onExpire();
    }, this.ms);
  }

  disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
