/**
 * Objectives with analytic gradients, for lessons, plots and `minimize`: quadratics, the classic 2-D surfaces, least
 * squares on a seeded data set, stochastic variants, and Reddi et al.'s online counterexample. Plus the seeded random
 * number generator they use, which cells may use too.
 */
export { boxProjection, defineProblem, type Problem, type ProblemDefinition } from "./problem.ts";
export { bowl, quadratic, saddle, type QuadraticOptions } from "./quadratic.ts";
export { beale, himmelblau, rosenbrock, type RosenbrockOptions } from "./surfaces.ts";
export { leastSquares, type LeastSquaresOptions, type LeastSquaresProblem } from "./least-squares.ts";
export { stochastic, type StochasticOptions } from "./stochastic.ts";
export { reddi, type ReddiOptions } from "./reddi.ts";
export { mixSeed, rng, type Random } from "./random.ts";
