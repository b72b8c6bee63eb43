package io.zohosync.domain.money;

import java.util.List;

/**
 * Value: the figures of a priced document. {@code lineAmounts} are the lines as shown (after
 * discount; tax included when prices are inclusive); {@code subTotal} is the taxable amount;
 * {@code total = subTotal + taxTotal} always holds.
 */
public record Totals(
        List<Money> lineAmounts,
        Money discountTotal,
        Money subTotal,
        List<TaxAmount> taxes,
        Money taxTotal,
        Money total) {

    public Totals {
        lineAmounts = List.copyOf(lineAmounts);
        taxes = List.copyOf(taxes);
    }
}
