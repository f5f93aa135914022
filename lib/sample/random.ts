/**
 * A seeded pseudo-random stream (mulberry32). Sample data must be reproducible from a seed across
 * machines and Node versions, which `Math.random` and `crypto` are not. Not for anything secret.
 */
export class Random {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** A stream for the `index`-th part of a data set: parts stay identical when others are added. */
  static forPart(seed: number, index: number): Random {
    const mixer = new Random((seed ^ Math.imul(index + 1, 0x9e3779b9)) >>> 0);
    return new Random(mixer.uint32());
  }

  uint32(): number {
    this.#state = (this.#state + 0x6d2b79f5) | 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError('cannot pick from an empty list');
    return item;
  }

  /** `count` distinct items in random order (all of them if there are fewer). */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    for (let i = pool.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [pool[i], pool[j]] = [pool[j] as T, pool[i] as T];
    }
    return pool.slice(0, count);
  }

  /** A well-formed UUID v4 (version and variant bits set), as `newId()` makes them. */
  uuid(): string {
    const hex = [this.uint32(), this.uint32(), this.uint32(), this.uint32()]
      .map((word) => word.toString(16).padStart(8, '0'))
      .join('');
    const variant = ((Number.parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20)}`;
  }

  /** Lower-case letters and digits 0–9 and a–v: the alphabet of Google Calendar event ids. */
  eventIdBase(length: number): string {
    const alphabet = '0123456789abcdefghijklmnopqrstuv';
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet.charAt(this.int(0, 31));
    return out;
  }

  /** A Meet meeting code (`abc-defg-hij`). */
  meetCode(): string {
    const letters = (n: number): string => {
      let out = '';
      for (let i = 0; i < n; i++) out += String.fromCharCode(97 + this.int(0, 25));
      return out;
    };
    return `${letters(3)}-${letters(4)}-${letters(3)}`;
  }
}
