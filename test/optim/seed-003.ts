/**
 * Seed 003's printed table: uncorrected Adam (lr 0.02, β = (0.9, 0.9999), ε = 1e-8) on f(x, y) = x² + y² from (3, 4),
 * the point after epochs 0, 30, 60, 90, 120 and 150 (epoch k is step k + 1). Copied from the seed:
 * "Epoch 0, current state: [2.80000003 3.80000002]" … "Epoch 150, …".
 */
export const SEED_003_TABLE = [
  [2.80000003, 3.80000002],
  [0.27175946, -0.35494334],
  [-0.07373187, -0.06706317],
  [-0.02001478, 0.0301726],
  [0.00082782, -0.0039881],
  [0.00094425, -0.00038352],
];

/** The steps after which the table was printed. */
export const SEED_003_STEPS = [1, 31, 61, 91, 121, 151];
