// The live clock: relative times tick once a second; only registered text nodes and
// classes change, so find and selection stay stable.

export type Tone = 'ok' | 'warning' | 'error' | 'neutral';

const TONES: Tone[] = ['ok', 'warning', 'error', 'neutral'];

export class LiveClock {
  private readonly updaters: ((nowMs: number) => void)[] = [];
  private timer: ReturnType<typeof setInterval> | undefined;

  /** Registers an updater and runs it once now. */
  add(update: (nowMs: number) => void): void {
    this.updaters.push(update);
    update(Date.now());
  }

  start(): void {
    this.timer = setInterval(() => {
      const now = Date.now();
      for (const update of this.updaters) update(now);
    }, 1000);
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}

/** Sets a text node's data only when it changed (keeps find and selection stable). */
export function setText(node: Text, text: string): void {
  if (node.data !== text) node.data = text;
}

/** Replaces the `tone-*` class of an element. */
export function setTone(node: Element, tone: Tone): void {
  for (const t of TONES) node.classList.toggle(`tone-${t}`, t === tone);
}
