package org.gridbazaar.architecture;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gridbazaar.model.PeerId;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.Trade;

/**
 * Every participant's {@link Bill} for one clearing of an {@link ArchitectureMarket}, and the check
 * that money balances.
 *
 * <p>Payments are summed from the buyers' side and receipts from the sellers' side separately: each
 * participant's energy paid is the sum over the trades it buys in, its energy received over those
 * it sells in; a member's fees are computed from its trades with its manager and the manager's fees
 * from the same trades seen from the manager. Money balances when what buyers and fee payers pay
 * equals what sellers (the grid included) and fee collectors receive: {@code sum paid = sum
 * received}; {@link #imbalance()} is the relative gap. A trade with a party that is no participant,
 * a fee with no collector or a lost period would show up there.
 */
public final class Bills {

    private final List<Bill> bills;

    private Bills(List<Bill> bills) {
        this.bills = List.copyOf(bills);
    }

    /**
     * The bills of {@code design} cleared to {@code periods} (one result per period, each period
     * {@code hours} long). Participants in this order: the population's peers, the coordinators,
     * then the grid.
     */
    public static Bills of(ArchitectureMarket design, List<MarketResult> periods, double hours) {
        Map<String, double[]> acc = new LinkedHashMap<>();
        Map<String, Bill.Kind> kinds = new LinkedHashMap<>();
        design.population()
                .period(0)
                .peers()
                .forEach(
                        p -> {
                            acc.put(p.id().value(), new double[4]);
                            kinds.put(p.id().value(), Bill.Kind.PEER);
                        });
        design.coordinators()
                .forEach(
                        k -> {
                            acc.put(k.value(), new double[4]);
                            kinds.put(k.value(), Bill.Kind.COORDINATOR);
                        });
        acc.put(Bill.GRID, new double[4]);
        kinds.put(Bill.GRID, Bill.Kind.GRID);
        for (MarketResult r : periods) {
            for (Trade t : r.trades()) {
                double money = t.price() * t.quantity() * hours;
                account(acc, t.buyer())[0] += money;
                account(acc, t.seller())[1] += money;
                fee(design, acc, t.seller(), t.buyer(), t.quantity() * hours);
                fee(design, acc, t.buyer(), t.seller(), t.quantity() * hours);
            }
        }
        List<Bill> out = new ArrayList<>();
        acc.forEach((id, a) -> out.add(new Bill(id, kinds.get(id), a[0], a[1], a[2], a[3])));
        return new Bills(out);
    }

    /**
     * Books the margin on a trade of {@code kwh} between {@code member} and {@code other} when
     * {@code other} is its coordinator.
     */
    private static void fee(
            ArchitectureMarket design,
            Map<String, double[]> acc,
            PeerId member,
            PeerId other,
            double kwh) {
        Optional<PeerId> k = design.coordinatorOfMember(member);
        if (k.isPresent() && k.get().equals(other)) {
            double margin = design.margin(other);
            account(acc, member)[2] += margin * Math.abs(kwh);
            acc.get(other.value())[3] += margin * Math.abs(kwh);
        }
    }

    private static double[] account(Map<String, double[]> acc, PeerId id) {
        String key =
                id.value().equals(ArchitectureMarket.GRID_IMPORT)
                                || id.value().equals(ArchitectureMarket.GRID_EXPORT)
                        ? Bill.GRID
                        : id.value();
        double[] a = acc.get(key);
        if (a == null) {
            throw new IllegalStateException(
                    "trade with " + id.value() + ", who is no participant of the design");
        }
        return a;
    }

    /** Every bill: peers, coordinators, grid. */
    public List<Bill> all() {
        return bills;
    }

    /** The bill of participant {@code id} ({@value Bill#GRID} for the grid). */
    public Optional<Bill> of(String id) {
        return bills.stream().filter(b -> b.id().equals(id)).findFirst();
    }

    /** All payments (energy bought and fees paid), $. */
    public double totalPaid() {
        return bills.stream().mapToDouble(Bill::paid).sum();
    }

    /** All receipts (energy sold, the grid's included, and fees collected), $. */
    public double totalReceived() {
        return bills.stream().mapToDouble(Bill::received).sum();
    }

    /** {@code |paid - received| / max(paid, received, 1 $)}: 0 when money balances. */
    public double imbalance() {
        double paid = totalPaid(), received = totalReceived();
        return Math.abs(paid - received) / Math.max(1, Math.max(paid, received));
    }
}
