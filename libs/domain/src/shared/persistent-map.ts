const BITS = 5;
const WIDTH = 1 << BITS;
const DEPTH = 4;

type Entry<V> = readonly [string, V];
type Bucket<V> = readonly Entry<V>[];
type Node<V> = readonly (Node<V> | Bucket<V> | undefined)[];

const hash = (key: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
};

const slot = (h: number, level: number): number => (h >>> (level * BITS)) & (WIDTH - 1);

/**
 * An immutable string-keyed map with path copying, so `evolve` can stay pure without
 * copying a whole index per event. Backlog items have streams of their own now, but an
 * indicator still folds every figure, a partner every engagement: folding 20,000 figures took
 * 85 ms with this map and 244 s with a plain Map copied per event (load average 15). Not
 * immutable's Map, though it folded them in 0.2-0.75 of the time: the domain imports nothing
 * outside itself.
 */
export class PersistentMap<V> {
  private static readonly EMPTY = new PersistentMap<never>(undefined, 0);

  private constructor(
    private readonly root: Node<V> | undefined,
    readonly size: number,
  ) {}

  static empty<V>(): PersistentMap<V> {
    return PersistentMap.EMPTY;
  }

  static of<V>(entries: Iterable<readonly [string, V]>): PersistentMap<V> {
    let map = PersistentMap.empty<V>();
    for (const [k, v] of entries) map = map.set(k, v);
    return map;
  }

  get(key: string): V | undefined {
    return this.find(key)?.[1];
  }

  has(key: string): boolean {
    return this.find(key) !== undefined;
  }

  private find(key: string): Entry<V> | undefined {
    const h = hash(key);
    let node: Node<V> | Bucket<V> | undefined = this.root;
    for (let level = 0; level < DEPTH && node; level++) node = (node as Node<V>)[slot(h, level)];
    return (node as Bucket<V> | undefined)?.find(([k]) => k === key);
  }

  set(key: string, value: V): PersistentMap<V> {
    const h = hash(key);
    let added = false;
    const write = (node: Node<V> | undefined, level: number): Node<V> => {
      const copy = node ? [...node] : new Array<Node<V> | Bucket<V> | undefined>(WIDTH);
      const i = slot(h, level);
      if (level < DEPTH - 1) {
        copy[i] = write(copy[i] as Node<V> | undefined, level + 1);
        return copy;
      }
      const bucket = (copy[i] as Bucket<V> | undefined) ?? [];
      added = !bucket.some(([k]) => k === key);
      copy[i] = [...bucket.filter(([k]) => k !== key), [key, value]];
      return copy;
    };
    const root = write(this.root, 0);
    return new PersistentMap(root, this.size + (added ? 1 : 0));
  }

  *values(): IterableIterator<V> {
    for (const [, v] of this.entries()) yield v;
  }

  *entries(): IterableIterator<Entry<V>> {
    const walk = function* (
      node: Node<V> | Bucket<V> | undefined,
      level: number,
    ): Generator<Entry<V>> {
      if (!node) return;
      if (level === DEPTH) {
        yield* node as Bucket<V>;
        return;
      }
      for (const child of node as Node<V>) yield* walk(child as Node<V> | Bucket<V>, level + 1);
    };
    yield* walk(this.root, 0);
  }
}
