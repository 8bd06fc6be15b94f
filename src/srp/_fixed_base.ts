// g^e mod N from a precomputed table (fixed-base windowing, "BGMW"):
// rows[i][d] = g^(d·2^(5i)), so g^e is the product of one entry per 5-bit
// digit of e: ceil(bits/5) multiplications and no squarings. A 256-bit
// exponent costs 52 Barrett multiplications (about 0.2 ms) instead of about
// 0.9 ms of native square-and-multiply.
//
// The table is built lazily, one row per 5 exponent bits, only after the
// process has asked for USES_BEFORE_TABLE powers of g (a one-shot CLI call
// never pays for it). Each row holds 31 residues of 384 bytes (about 12 KB);
// rows stop at MAX_ROWS (1025 bits, about 2.5 MB), and exponents longer than
// that split into a table part and a variable-base part.

import { SRP_G } from "./constants.ts";
import { mulMod } from "./_barrett.ts";

const WINDOW = 5;
const DIGIT_MASK = (1n << BigInt(WINDOW)) - 1n;
const DIGITS = 1 << WINDOW;
/** Rows covering 1025-bit exponents: ACIJ-sized 1024-bit `a` still fits. */
export const MAX_ROWS = 205;
/** How many powers of g a process computes before building the table. */
export const USES_BEFORE_TABLE = 8;
const MAX_BITS = BigInt(MAX_ROWS * WINDOW);
const LOW_MASK = (1n << MAX_BITS) - 1n;

const rows: bigint[][] = [];
/** g^(2^(WINDOW·rows.length)): the base of the next row. */
let nextRowBase = SRP_G;
let uses = 0;
let tableAllowed = true;

function growTo(rowCount: number): void {
  while (rows.length < rowCount) {
    const row: bigint[] = [1n, nextRowBase];
    for (let d = 2; d < DIGITS; d++) row.push(mulMod(row[d - 1]!, nextRowBase));
    rows.push(row);
    nextRowBase = mulMod(row[DIGITS - 1]!, nextRowBase);
  }
}

function rowsFor(exponent: bigint): number {
  return Math.ceil(exponent.toString(2).length / WINDOW);
}

/** Whether the next power of g should come from the table. */
export function tableWanted(): boolean {
  uses++;
  return tableAllowed && uses > USES_BEFORE_TABLE;
}

/** Benchmark hook: with false, every power of g is a variable-base exponentiation. */
export function allowTable(allowed: boolean): void {
  tableAllowed = allowed;
}

/** Benchmark hook: forgets the table so that its build can be timed. */
export function resetTable(): void {
  rows.length = 0;
  nextRowBase = SRP_G;
}

/**
 * g^e mod N from the table, growing it as needed. `highPart(base, e)` must
 * return base^e mod N; it handles exponents beyond MAX_ROWS rows.
 */
export function tablePowG(exponent: bigint, highPart: (base: bigint, e: bigint) => bigint): bigint {
  if (exponent < 0n) throw new RangeError(`Cannot raise g to ${exponent}: negative exponent`);
  let low = exponent;
  let high = 0n;
  if (exponent > LOW_MASK) {
    low = exponent & LOW_MASK;
    high = exponent >> MAX_BITS;
  }
  growTo(Math.min(MAX_ROWS, rowsFor(low)));
  let result: bigint | undefined;
  for (let i = 0; low > 0n; i++, low >>= BigInt(WINDOW)) {
    const digit = Number(low & DIGIT_MASK);
    if (digit === 0) continue;
    const entry = rows[i]![digit]!;
    result = result === undefined ? entry : mulMod(result, entry);
  }
  result ??= 1n;
  if (high > 0n) {
    growTo(MAX_ROWS);
    result = mulMod(result, highPart(nextRowBase, high));
  }
  return result;
}

/** Builds the rows needed for `bits`-bit exponents now (servers, benchmarks). */
export function prebuildTable(bits: number): void {
  growTo(Math.min(MAX_ROWS, Math.ceil(bits / WINDOW)));
  uses = Math.max(uses, USES_BEFORE_TABLE);
}

/** Rows built so far and an estimate of their memory, for reports. */
export function tableStats(): { rows: number; bytes: number } {
  return { rows: rows.length, bytes: rows.length * (DIGITS - 1) * 384 };
}
