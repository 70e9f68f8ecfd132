/**
 * The spans of a parsed file's values and keys by path key (`feedback.0.text`), kept for as long as the file's parse
 * is cached: the rules and quick fixes find a value's place in the text through them.
 *
 * A `Map<string, Span>` held about 120 bytes per value (the entry, its key string, the span array): with the rules'
 * window of the large team parsed (1,616 1:1s, 200 goal files) that was 24 MB of the index's 50 MB (issue #17:
 * memory, and the garbage collector's pauses on the extension host's thread). Here a sealed table is two flat arrays;
 * the path keys are shared between files (every 1:1 has a `status` and a `feedback.0.text`). A lookup scans a small
 * table and indexes a large one on first use, so it stays linear in the file however many values it has.
 */
import type { Span } from '../types';

/** Shared key strings, bounded: a hostile file's thousands of distinct keys are not kept beyond it. */
const SHARED = new Map<string, string>();
const SHARED_MAX = 20_000;

function shared(key: string): string {
  const known = SHARED.get(key);
  if (known !== undefined) return known;
  if (SHARED.size < SHARED_MAX) SHARED.set(key, key);
  return key;
}

/** Tables up to this size are scanned; larger ones build an index on their first lookup. */
const SCAN_MAX = 48;

export class SpanTable implements ReadonlyMap<string, Span> {
  private keysList: string[] = [];
  /** start, end of each key's span, in the order of `keysList` (packed once sealed). */
  private pos: number[] | Int32Array = [];
  /** While the walk builds the table, and for a large table once looked up: key → slot. */
  private index: Map<string, number> | undefined = new Map();

  get size(): number {
    return this.keysList.length;
  }

  /** Sets (or replaces) a key's span while the table is built. */
  set(key: string, span: Span): this {
    const index = this.slots();
    const at = index.get(key);
    if (at !== undefined) {
      this.pos[2 * at] = span[0];
      this.pos[2 * at + 1] = span[1];
      return this;
    }
    index.set(key, this.keysList.length);
    this.keysList.push(shared(key));
    (this.pos as number[]).push(span[0], span[1]);
    return this;
  }

  /** The walk is done: the building index goes (a large table makes a new one when first looked up). */
  seal(): void {
    this.index = undefined;
    // Exactly as long as needed: a growing array keeps room to spare, and offsets fit 32 bits (files are capped).
    this.keysList = this.keysList.slice();
    this.pos = Int32Array.from(this.pos);
  }

  private slot(key: string): number {
    if (this.index === undefined && this.keysList.length <= SCAN_MAX) return this.keysList.indexOf(key);
    return this.slots().get(key) ?? -1;
  }

  private slots(): Map<string, number> {
    if (!this.index) {
      this.index = new Map();
      for (let i = 0; i < this.keysList.length; i++) this.index.set(this.keysList[i], i);
    }
    return this.index;
  }

  has(key: string): boolean {
    return this.slot(key) >= 0;
  }

  get(key: string): Span | undefined {
    const at = this.slot(key);
    return at < 0 ? undefined : [this.pos[2 * at], this.pos[2 * at + 1]];
  }

  *entries(): MapIterator<[string, Span]> {
    for (let i = 0; i < this.keysList.length; i++) yield [this.keysList[i], [this.pos[2 * i], this.pos[2 * i + 1]]];
  }

  *keys(): MapIterator<string> {
    yield* this.keysList;
  }

  *values(): MapIterator<Span> {
    for (let i = 0; i < this.keysList.length; i++) yield [this.pos[2 * i], this.pos[2 * i + 1]];
  }

  [Symbol.iterator](): MapIterator<[string, Span]> {
    return this.entries();
  }

  forEach(callback: (value: Span, key: string, map: ReadonlyMap<string, Span>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) callback.call(thisArg, v, k, this);
  }
}
