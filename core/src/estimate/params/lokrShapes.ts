/**
 * LoKr's Kronecker factorisation (LyCORIS `factorization`, as PEFT copies it): split a dimension
 * into m × n with m ≤ n as close to its square root as the factor allows.
 */
export function factorization(dimension: number, factor = -1): [number, number] {
  if (factor > 0 && dimension % factor === 0) {
    const m = factor;
    const n = dimension / factor;
    return m > n ? [n, m] : [m, n];
  }
  const limit = factor < 0 ? dimension : factor;
  let m = 1;
  let n = dimension;
  const length = m + n;
  while (m < n) {
    let next = m + 1;
    while (dimension % next !== 0) next++;
    const other = dimension / next;
    if (next + other > length || next > limit) break;
    m = next;
    n = other;
  }
  return m > n ? [n, m] : [m, n];
}

/** Parameters of one LoKr layer: w1 (or w1_a·w1_b) ⊗ w2 (or w2_a·w2_b, or the effective-conv Tucker form). */
export function lokrParams(inDim: number, outDim: number, kernel: number, r: number, decomposeBoth: boolean, factor: number, effectiveConv: boolean): number {
  const [inM, inN] = factorization(inDim, factor);
  const [outL, outK] = factorization(outDim, factor);
  const useW1 = !(decomposeBoth && r < Math.max(outL, inM) / 2);
  const useW2 = r >= Math.max(outK, inN) / 2;
  const w1 = useW1 ? outL * inM : r * (outL + inM);
  const k2 = kernel * kernel;
  if (kernel === 0) return w1 + (useW2 ? outK * inN : r * (outK + inN));
  if (useW2) return w1 + outK * inN * k2;
  if (effectiveConv && kernel !== 1) return w1 + r * r * k2 + r * outK + r * inN;
  return w1 + outK * r + r * inN * k2;
}
