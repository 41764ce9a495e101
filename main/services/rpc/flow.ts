import type { FlowControl } from '../../../shared/contract/define';

/**
 * Credit accounting for one stream: units sent minus units acknowledged.
 * Crossing the high watermark pauses, falling below the low one resumes:
 * hysteresis, so a source is not toggled on every small ack.
 */
export class FlowGate {
  private outstanding = 0;
  private pausedNow = false;

  constructor(
    private readonly flow: FlowControl,
    private readonly onChange: (paused: boolean) => void,
  ) {}

  get paused(): boolean {
    return this.pausedNow;
  }

  get backlog(): number {
    return this.outstanding;
  }

  sent(units: number): void {
    this.outstanding += units;
    if (!this.pausedNow && this.outstanding >= this.flow.highWatermark) {
      this.pausedNow = true;
      this.onChange(true);
    }
  }

  acknowledged(units: number): void {
    this.outstanding = Math.max(0, this.outstanding - units);
    if (this.pausedNow && this.outstanding <= this.flow.lowWatermark) {
      this.pausedNow = false;
      this.onChange(false);
    }
  }
}
