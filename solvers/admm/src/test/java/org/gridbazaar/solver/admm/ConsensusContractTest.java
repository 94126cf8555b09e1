package org.gridbazaar.solver.admm;

import org.gridbazaar.solver.MarketSolver;

/**
 * The shared solver contract for {@link ConsensusSolver} (relaxed consensus + innovation), with the
 * tolerances of {@link DistributedContract}.
 */
class ConsensusContractTest extends DistributedContract {

    @Override
    protected MarketSolver solver() {
        return new ConsensusSolver();
    }
}
