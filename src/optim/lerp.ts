/**
 * Linear interpolation as PyTorch computes it (`torch.lerp`, ATen's `Lerp.h`), for the optimizers whose reference
 * code writes its averages as lerps (Adafactor's second moment, Muon's momentum buffer):
 *
 * $$ \operatorname{lerp}(a, b, w) = a + w\,(b - a) = (1 - w)\,a + w\,b $$
 *
 * Evaluated as a + w(b − a) when |w| < 0.5 and as b − (b − a)(1 − w) otherwise, so that w = 1 gives b exactly and
 * the small factor multiplies the difference. Mirroring the branch keeps float64 trajectories within the last bits
 * of PyTorch's; the textbook (1 − w)a + wb rounds differently.
 *
 * @example
 * lerp(2, 10, 0.25); // 4
 * lerp(2, 10, 1); // 10, exactly
 */
export function lerp(a: number, b: number, w: number): number {
  return Math.abs(w) < 0.5 ? a + w * (b - a) : b - (b - a) * (1 - w);
}
