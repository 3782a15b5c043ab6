// AssemblyScript, compiled to WebAssembly by scripts/build-wasm.mjs (npm run build:wasm)
// into lib/crypto/argon2-fill-wasm.ts.
//
// Argon2id (RFC 9106, version 0x13): filling the memory, the part that takes the time.
// The first two blocks of each lane come from JavaScript (lib/crypto/argon2id.ts), which
// also hashes the last column into the tag. Words are processed in pairs with 128-bit
// SIMD, so even V8's baseline compiler, which runs the first unlock after the browser
// starts, is close to its optimizing one here.
//
// Memory: five scratch blocks, then the blocks of the lanes, one lane after the other.

const BLOCK: usize = 1024;
const ZERO: usize = 0;
const INPUT: usize = BLOCK;
const ADDRESS: usize = 2 * BLOCK;
const R: usize = 3 * BLOCK;
export const MEMORY_OFFSET: usize = 5 * BLOCK;
/** Argon2's type number for argon2id. */
const ARGON2ID: u64 = 2;
const ADDRESSES_PER_BLOCK: u32 = 128;

// BlaMka: x + y + 2 · lo32(x) · lo32(y), on two 64-bit words at once.
@inline function blamka(x: v128, y: v128): v128 {
  const product = i64x2.extmul_low_i32x4_u(v128.shuffle<i32>(x, x, 0, 2, 0, 2), v128.shuffle<i32>(y, y, 0, 2, 0, 2));
  return i64x2.add(i64x2.add(x, y), i64x2.add(product, product));
}
@inline function rotr32(x: v128): v128 { return v128.shuffle<i32>(x, x, 1, 0, 3, 2); }
@inline function rotr24(x: v128): v128 { return v128.shuffle<u8>(x, x, 3, 4, 5, 6, 7, 0, 1, 2, 11, 12, 13, 14, 15, 8, 9, 10); }
@inline function rotr16(x: v128): v128 { return v128.shuffle<u8>(x, x, 2, 3, 4, 5, 6, 7, 0, 1, 10, 11, 12, 13, 14, 15, 8, 9); }
@inline function rotr63(x: v128): v128 { return v128.or(i64x2.add(x, x), i64x2.shr_u(x, 63)); }
/** The high word of x, then the low word of y. */
@inline function highLow(x: v128, y: v128): v128 { return v128.shuffle<u64>(x, y, 1, 2); }

// One BLAKE2b round without message over the 16 words v0…v15 held as the pairs
// (v0,v1) at p, (v2,v3) at p+s, …, (v14,v15) at p+7s: the columns, then the diagonals.
@inline function round(p: usize, s: usize): void {
  let a0 = v128.load(p), a1 = v128.load(p + s);
  let b0 = v128.load(p + 2 * s), b1 = v128.load(p + 3 * s);
  let c0 = v128.load(p + 4 * s), c1 = v128.load(p + 5 * s);
  let d0 = v128.load(p + 6 * s), d1 = v128.load(p + 7 * s);

  a0 = blamka(a0, b0); a1 = blamka(a1, b1);
  d0 = rotr32(v128.xor(d0, a0)); d1 = rotr32(v128.xor(d1, a1));
  c0 = blamka(c0, d0); c1 = blamka(c1, d1);
  b0 = rotr24(v128.xor(b0, c0)); b1 = rotr24(v128.xor(b1, c1));
  a0 = blamka(a0, b0); a1 = blamka(a1, b1);
  d0 = rotr16(v128.xor(d0, a0)); d1 = rotr16(v128.xor(d1, a1));
  c0 = blamka(c0, d0); c1 = blamka(c1, d1);
  b0 = rotr63(v128.xor(b0, c0)); b1 = rotr63(v128.xor(b1, c1));

  // Diagonals: (v0,v5,v10,v15) (v1,v6,v11,v12) (v2,v7,v8,v13) (v3,v4,v9,v14).
  let e0 = highLow(b0, b1), e1 = highLow(b1, b0);
  let f0 = highLow(d1, d0), f1 = highLow(d0, d1);
  let g0 = c1, g1 = c0;

  a0 = blamka(a0, e0); a1 = blamka(a1, e1);
  f0 = rotr32(v128.xor(f0, a0)); f1 = rotr32(v128.xor(f1, a1));
  g0 = blamka(g0, f0); g1 = blamka(g1, f1);
  e0 = rotr24(v128.xor(e0, g0)); e1 = rotr24(v128.xor(e1, g1));
  a0 = blamka(a0, e0); a1 = blamka(a1, e1);
  f0 = rotr16(v128.xor(f0, a0)); f1 = rotr16(v128.xor(f1, a1));
  g0 = blamka(g0, f0); g1 = blamka(g1, f1);
  e0 = rotr63(v128.xor(e0, g0)); e1 = rotr63(v128.xor(e1, g1));

  v128.store(p, a0); v128.store(p + s, a1);
  v128.store(p + 2 * s, highLow(e1, e0)); v128.store(p + 3 * s, highLow(e0, e1));
  v128.store(p + 4 * s, g1); v128.store(p + 5 * s, g0);
  v128.store(p + 6 * s, highLow(f0, f1)); v128.store(p + 7 * s, highLow(f1, f0));
}

// The compression G: next = P(prev ⊕ ref) ⊕ prev ⊕ ref, also ⊕ next's old value when
// xorNext (passes after the first). ref and next may be the same block.
function compress(prev: usize, ref: usize, next: usize, xorNext: bool): void {
  for (let i: usize = 0; i < BLOCK; i += 16) {
    const r = v128.xor(v128.load(ref + i), v128.load(prev + i));
    v128.store(R + i, r);
    v128.store(next + i, xorNext ? v128.xor(r, v128.load(next + i)) : r);
  }
  for (let i: usize = 0; i < 8; i++) round(R + i * 128, 16); // rows of 16 words
  for (let i: usize = 0; i < 8; i++) round(R + i * 16, 128); // columns of word pairs
  for (let i: usize = 0; i < BLOCK; i += 16) {
    v128.store(next + i, v128.xor(v128.load(next + i), v128.load(R + i)));
  }
}

// The next block of reference addresses, for the data-independent half of the first pass.
function nextAddresses(): void {
  store<u64>(INPUT + 48, load<u64>(INPUT + 48) + 1);
  compress(ZERO, INPUT, ADDRESS, false);
  compress(ZERO, ADDRESS, ADDRESS, false);
}

/** Fills one segment (a quarter of a lane in one pass); segments go in order of pass, slice, lane. */
export function fillSegment(pass: u32, lane: u32, slice: u32, blocks: u32, passes: u32, lanes: u32): void {
  const laneLength = blocks / lanes;
  const segmentLength = laneLength / 4;
  const independent = pass == 0 && slice < 2;
  if (independent) {
    memory.fill(ZERO, 0, 2 * BLOCK);
    store<u64>(INPUT, pass);
    store<u64>(INPUT + 8, lane);
    store<u64>(INPUT + 16, slice);
    store<u64>(INPUT + 24, blocks);
    store<u64>(INPUT + 32, passes);
    store<u64>(INPUT + 40, ARGON2ID);
  }
  let start: u32 = 0;
  if (pass == 0 && slice == 0) {
    start = 2;
    if (independent) nextAddresses();
  }
  let current = lane * laneLength + slice * segmentLength + start;
  let previous = current % laneLength == 0 ? current + laneLength - 1 : current - 1;
  for (let i = start; i < segmentLength; i++, current++, previous++) {
    if (current % laneLength == 1) previous = current - 1;
    let random: u64;
    if (independent) {
      if (i % ADDRESSES_PER_BLOCK == 0) nextAddresses();
      random = load<u64>(ADDRESS + (<usize>(i % ADDRESSES_PER_BLOCK) << 3));
    } else {
      random = load<u64>(MEMORY_OFFSET + <usize>previous * BLOCK);
    }
    let refLane = <u32>((random >>> 32) % <u64>lanes);
    if (pass == 0 && slice == 0) refLane = lane;
    const sameLane = refLane == lane;
    // How many blocks the reference may be drawn from (RFC 9106, 3.4.1.2).
    let area: u64;
    if (pass == 0) {
      area = slice == 0 ? <u64>(i - 1) : sameLane ? <u64>(slice * segmentLength + i - 1) : <u64>(slice * segmentLength) - (i == 0 ? 1 : 0);
    } else {
      area = sameLane ? <u64>(laneLength - segmentLength + i - 1) : <u64>(laneLength - segmentLength) - (i == 0 ? 1 : 0);
    }
    let relative = random & 0xffffffff;
    relative = (relative * relative) >>> 32;
    relative = area - 1 - ((area * relative) >>> 32);
    const areaStart: u64 = pass != 0 && slice != 3 ? <u64>((slice + 1) * segmentLength) : 0;
    const refIndex = <u32>((areaStart + relative) % <u64>laneLength);
    compress(
      MEMORY_OFFSET + <usize>previous * BLOCK,
      MEMORY_OFFSET + (<usize>refLane * laneLength + refIndex) * BLOCK,
      MEMORY_OFFSET + <usize>current * BLOCK,
      pass != 0,
    );
  }
}
