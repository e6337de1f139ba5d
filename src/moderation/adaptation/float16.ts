/**
 * IEEE half-precision (binary16) for non-negative values, as stored counts and sums of squares:
 * 0.1% precision is plenty for them, and halves their bytes. Values above the largest half
 * (65504) are stored as it; negative ones as 0.
 */
export function toHalf(value: number): number {
  if (!(value > 0)) return 0;
  if (value >= 65504) return 0x7bff;
  // Subnormals: steps of 2^-24.
  if (value < 2 ** -14) return Math.round(value * 2 ** 24);
  let exponent = Math.floor(Math.log2(value));
  let mantissa = Math.round((value / 2 ** exponent - 1) * 1024);
  if (mantissa === 1024) {
    exponent++;
    mantissa = 0;
  }
  if (exponent > 15) return 0x7bff;
  return ((exponent + 15) << 10) | mantissa;
}

export function fromHalf(half: number): number {
  const exponent = (half >> 10) & 0x1f;
  const mantissa = half & 0x3ff;
  if (exponent === 0) return mantissa * 2 ** -24;
  return (1 + mantissa / 1024) * 2 ** (exponent - 15);
}
