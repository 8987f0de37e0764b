/**
 * What the stderr parser (entries) and the syslog adapter (messages) hold while lines
 * of other backends interleave: per backend key, the item that may still grow; in the
 * order they started, every item not yet passed on. An item is passed on once it is
 * closed (its backend started another one) or once `window` lines went by without a
 * line of its own, which bounds memory however long the input is.
 *
 * Both structures run once per line, and are written so that V8's garbage collector
 * has nothing to copy. Its scavenger keeps every young object an old one points at,
 * even a dead old one, until the next full collection. So:
 * - closing an item does not delete its key; passing it on does, if no newer item of
 *   the key took its place. A delete then a set for every line made the Map rebuild
 *   its table over and over, and each dead table kept the items it had pointed at, with
 *   all their strings: on the 106 MB bench log 100 MB were copied and promoted that
 *   way, and parsing took 2.1 CPU-seconds instead of 1.2. Now a busy backend's key stays
 *   while its items follow one another, and only a backend gone quiet loses its key;
 * - the order is kept in a ring whose slots are emptied as items leave: an array
 *   shifted with splice copied them and left old storage behind (1.31 CPU-seconds
 *   against 1.15-1.19).
 */

/** A backend's key: a number (a pid) hashes without reading a string's characters. */
export type ItemKey = string | number;

export interface OpenItem {
  /** Closed: nothing more will be added to it. */
  done: boolean;
  /** The last line that went to it. */
  lastLine: number;
}

export class OpenItems<T extends OpenItem> {
  private readonly byKey = new Map<ItemKey, T>();
  private slots: Array<T | undefined> = new Array<T | undefined>(64).fill(undefined);
  /** Each slot's key. */
  private keyOf: ItemKey[] = new Array<ItemKey>(64).fill('');
  private first = 0;
  private count = 0;

  /**
   * @param window lines without a line of its own after which an item is passed on
   * @param onClose called as an item is closed
   */
  constructor(
    private readonly window: number,
    private readonly onClose: (item: T) => void = () => undefined,
  ) {}

  /** How many keys are remembered: at most one per item not passed on yet. */
  get keys(): number {
    return this.byKey.size;
  }

  /** The key's item, if it is still open. */
  open(key: ItemKey): T | undefined {
    const item = this.byKey.get(key);
    return item !== undefined && !item.done ? item : undefined;
  }

  /** Adds `item` as the key's newest: the key's open item, if any, is closed. */
  start(key: ItemKey, item: T): void {
    const previous = this.open(key);
    if (previous !== undefined) this.close(previous);
    this.byKey.set(key, item);
    if (this.count === this.slots.length) this.grow();
    const at = (this.first + this.count) % this.slots.length;
    this.slots[at] = item;
    this.keyOf[at] = key;
    this.count++;
  }

  /** Passes on, in the order they started, the items closed or left `window` lines behind at `line`. */
  drain(line: number, emit: (item: T) => void): void {
    this.passOn(emit, line - this.window);
  }

  /** The input ended: passes every item on, and forgets the keys. */
  flush(emit: (item: T) => void): void {
    this.passOn(emit, Infinity);
    this.byKey.clear();
  }

  /** Stops at the first item still open whose last line is at or after `openSince`. */
  private passOn(emit: (item: T) => void, openSince: number): void {
    for (let item = this.slots[this.first]; item !== undefined; item = this.slots[this.first]) {
      if (!item.done) {
        if (item.lastLine >= openSince) break;
        this.close(item);
      }
      const key = this.keyOf[this.first]!;
      if (this.byKey.get(key) === item) this.byKey.delete(key);
      this.slots[this.first] = undefined;
      this.first = (this.first + 1) % this.slots.length;
      this.count--;
      emit(item);
    }
  }

  private close(item: T): void {
    item.done = true;
    this.onClose(item);
  }

  private grow(): void {
    const old = this.slots;
    const slots = new Array<T | undefined>(old.length * 2).fill(undefined);
    const keyOf = new Array<ItemKey>(old.length * 2).fill('');
    for (let i = 0; i < this.count; i++) {
      slots[i] = old[(this.first + i) % old.length];
      keyOf[i] = this.keyOf[(this.first + i) % old.length]!;
    }
    old.fill(undefined);
    this.slots = slots;
    this.keyOf = keyOf;
    this.first = 0;
  }
}
