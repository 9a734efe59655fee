/**
 * Objectives with analytic gradients, for lessons, plots and `minimize`: quadratics, the classic 2-D surfaces, least
 * squares on a seeded data set, stochastic variants, and Reddi et al.'s online counterexample. Plus the seeded random
 * number generator they use, which cells may use too. And real data: the UCI handwritten digits (`loadDigits`), two
 * classifiers with hand-written backward passes (`softmaxRegression`, `mlp`) and seeded `minibatches`.
 */
export { boxProjection, defineProblem, type Problem, type ProblemDefinition } from "./problem.ts";
export { bowl, quadratic, saddle, type QuadraticOptions } from "./quadratic.ts";
export { beale, himmelblau, rosenbrock, type RosenbrockOptions } from "./surfaces.ts";
export { leastSquares, type LeastSquaresOptions, type LeastSquaresProblem } from "./least-squares.ts";
export { stochastic, type StochasticOptions } from "./stochastic.ts";
export { reddi, type ReddiOptions } from "./reddi.ts";
export { mixSeed, rng, type Random } from "./random.ts";
export { loadDigits, type Digits, type DigitsOptions, type DigitsSet } from "./digits.ts";
export { minibatches, type Batch, type MinibatchOptions, type Minibatches } from "./minibatches.ts";
export {
  defineClassifier,
  type Classifier,
  type ClassifierDefinition,
  type InitOptions,
  type ParameterBlock,
  type Unlabelled,
} from "./classifier.ts";
export { softmaxRegression, type SoftmaxRegressionOptions } from "./softmax-regression.ts";
export { mlp, type MlpOptions } from "./mlp.ts";
