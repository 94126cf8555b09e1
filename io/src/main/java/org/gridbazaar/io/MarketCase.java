package org.gridbazaar.io;

import java.util.Objects;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.model.Market;

/**
 * A case file's market, of either version of the case format, as {@link CaseReader#readCase}
 * returns it: {@link SinglePeriod} for a version-1 case ({@code p2p-market-case/1}, one market) and
 * {@link MultiPeriod} for a version-2 case ({@code p2p-market-case/2}, a market over time). Units
 * and signs are those of the model: power in kW (positive sells), energy in kWh, costs as rates in
 * $ per hour (a version-1 case is one period of one hour).
 *
 * <pre>{@code
 * MarketCase c = CaseReader.readCase(Path.of("case.json"));
 * if (c instanceof MarketCase.MultiPeriod m) {
 *     solveOverTime(m.market());
 * } else if (c instanceof MarketCase.SinglePeriod s) {
 *     solve(s.market());
 * }
 * }</pre>
 */
public sealed interface MarketCase permits MarketCase.SinglePeriod, MarketCase.MultiPeriod {

    /** The market's name (the case's {@code name}). */
    String name();

    /**
     * A version-1 case: one market.
     *
     * @param market the market
     */
    record SinglePeriod(Market market) implements MarketCase {
        public SinglePeriod {
            Objects.requireNonNull(market, "market");
        }

        @Override
        public String name() {
            return market.name();
        }
    }

    /**
     * A version-2 case: a market over a horizon of periods.
     *
     * @param market the market over time
     */
    record MultiPeriod(MultiPeriodMarket market) implements MarketCase {
        public MultiPeriod {
            Objects.requireNonNull(market, "market");
        }

        @Override
        public String name() {
            return market.name();
        }
    }
}
