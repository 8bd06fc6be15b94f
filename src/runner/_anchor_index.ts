/**
 * The multi-string matcher behind `SecretRegistry.mask`: replaces every
 * occurrence of any indexed form by its mask, leftmost then longest, and
 * leaves masks already in the text alone.
 */

/** A mask as the registry writes it: `«secret:<label>#<n>»`, or `«secret:<key>»` for key-only values. */
export const MASK = /«secret:[^«»]*»/g;
const WHOLE_MASK = /^«secret:[^«»]*»$/;

/** Whether `text` is exactly one mask (such a value is never a secret of its own). */
export function isMask(text: string): boolean {
  return text.length > 9 && text.charCodeAt(0) === 0xab && WHOLE_MASK.test(text);
}

interface Found {
  start: number;
  end: number;
  form: string;
}

/**
 * Each form is indexed by a rolling hash of its last `anchor` characters; a
 * scan rolls the same hash over the text, checks a bit table and verifies
 * the rare hits. The cost per scanned character does not grow with the
 * number of forms (one big regular expression does: recompiling it per new
 * token made a 1000-token run take minutes).
 */
export class AnchorIndex {
  static readonly #BASE = 0x01000193;
  readonly #anchor: number;
  /** BASE^anchor mod 2^32, to roll the oldest character out of the window. */
  readonly #drop: number;
  /** One bit per hash slot (8 KB: a byte per slot made the table too big for a warm cache). */
  readonly #filter = new Int32Array(1 << 11);
  readonly #byHash = new Map<number, string[]>();
  readonly #masks = new Map<string, string>();
  #shortest = Infinity;

  constructor(anchor: number) {
    this.#anchor = anchor;
    let drop = 1;
    for (let i = 0; i < anchor; i++) drop = Math.imul(drop, AnchorIndex.#BASE);
    this.#drop = drop;
  }

  /** How many forms are indexed. */
  get size(): number {
    return this.#masks.size;
  }

  /** The length of the shortest indexed form (`Infinity` while none is): a shorter text holds none. */
  get shortest(): number {
    return this.#shortest;
  }

  /** Indexes `form` (at least `anchor` characters long); false when it already was. */
  add(form: string, mask: string): boolean {
    if (this.#masks.has(form)) return false;
    this.#masks.set(form, mask);
    if (form.length < this.#shortest) this.#shortest = form.length;
    let hash = 0;
    for (let i = form.length - this.#anchor; i < form.length; i++) {
      hash = (Math.imul(hash, AnchorIndex.#BASE) + form.charCodeAt(i)) | 0;
    }
    const at = slot(hash);
    this.#filter[at >>> 5]! |= 1 << (at & 31);
    const forms = this.#byHash.get(hash);
    if (forms === undefined) this.#byHash.set(hash, [form]);
    else forms.push(form);
    return true;
  }

  /**
   * Masks every occurrence of every form in `text`. An occurrence that lies
   * inside a mask already in the text is not one (masks are inert, so
   * masking twice changes nothing); one that overlaps the previous
   * occurrence swallows the rest of it, so no tail leaks.
   */
  replace(text: string): string {
    if (text.length < this.#shortest || text.length < this.#anchor) return text;
    let found: Found[] | undefined;
    const anchor = this.#anchor;
    const drop = this.#drop;
    const filter = this.#filter;
    let hash = 0;
    for (let i = 0; i < text.length; i++) {
      hash = (Math.imul(hash, AnchorIndex.#BASE) + text.charCodeAt(i)) | 0;
      if (i >= anchor) hash = (hash - Math.imul(text.charCodeAt(i - anchor), drop)) | 0;
      if (i + 1 < anchor) continue;
      const at = slot(hash);
      if ((filter[at >>> 5]! & (1 << (at & 31))) === 0) continue;
      for (const form of this.#byHash.get(hash) ?? []) {
        const start = i + 1 - form.length;
        if (start >= 0 && text.startsWith(form, start)) {
          (found ??= []).push({ start, end: i + 1, form });
        }
      }
    }
    if (found === undefined) return text;
    if (text.includes("«secret:")) found = outsideMasks(text, found);
    // Leftmost, then longest: a token wins over its own payload segment.
    found.sort((a, b) => a.start - b.start || b.end - a.end);
    let out = "";
    let at = 0;
    for (const { start, end, form } of found) {
      if (end <= at) continue;
      if (start > at) out += text.slice(at, start);
      out += this.#masks.get(form);
      at = end;
    }
    return at === 0 ? text : out + text.slice(at);
  }
}

/** The occurrences that do not lie wholly inside a mask of the text. */
function outsideMasks(text: string, found: Found[]): Found[] {
  const regions = [...text.matchAll(MASK)].map((m) => [m.index, m.index + m[0].length]);
  return found.filter(({ start, end }) =>
    !regions.some(([from, to]) => start >= from! && end <= to!)
  );
}

function slot(hash: number): number {
  return (hash ^ (hash >>> 16)) & 0xffff;
}
