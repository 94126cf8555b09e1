import org.gridbazaar.model.Market;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.solver.MarketClearing;

public class ThreePeers {
    public static void main(String[] args) {
        Market market = Market.builder("three-peers")                    // 1. declare peers
                .producer("G1", 0, 200, QuadraticCost.of(0.02, 20, 0))    //    0.5*0.02*P^2 + 20*P $, P in kW
                .producer("G2", 0, 150, QuadraticCost.of(0.05, 15, 0))
                .consumer("C1", -250, -50, QuadraticCost.of(0.04, 60, 0)) //    buys 50..250 kW (negative = buys)
                .preference("C1", "G2", 2.0)                              // 2. C1 pays 2 $/kW extra on G2's energy
                .build();                                                 // 3. validates everything at once
        MarketResult result = MarketClearing.clear(market);               // 4. default solver: structured-ipm
        System.out.printf("%s, objective %.2f $%n", result.status(), result.objective());
        result.trades().forEach(t -> System.out.printf("%s -> %s: %.2f kW at %.2f $/kW%n",
                t.seller(), t.buyer(), t.quantity(), t.price()));
        result.peers().forEach(p -> System.out.printf("%s: %.2f kW, marginal cost %.2f $/kW%n",
                p.id(), p.power(), p.price()));
    }
}
