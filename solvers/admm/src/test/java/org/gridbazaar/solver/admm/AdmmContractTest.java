package org.gridbazaar.solver.admm;

import org.gridbazaar.solver.MarketSolver;

/**
 * The shared solver contract for {@link AdmmSolver}, with the tolerances of {@link
 * DistributedContract}.
 */
class AdmmContractTest extends DistributedContract {

    @Override
    protected MarketSolver solver() {
        return new AdmmSolver();
    }
}
