package io.zohosync.domain.money;

import io.zohosync.domain.common.Checks;
import java.math.BigDecimal;
import java.util.Currency;

/** Value: a line discount, a percentage of the line or a fixed amount (Zoho's {@code discount}). */
public sealed interface Discount {

    Discount NONE = new Amount(BigDecimal.ZERO);

    /** The discount on a line worth {@code gross}, rounded to the currency's minor unit. */
    BigDecimal on(BigDecimal gross, Currency currency);

    /** {@code percent} of the line, 0 to 100. */
    record Percent(BigDecimal percent) implements Discount {
        public Percent {
            new Checks()
                    .rule(
                            percent != null && percent.signum() >= 0 && percent.compareTo(BigDecimal.valueOf(100)) <= 0,
                            "discount",
                            "must be a percentage from 0 to 100")
                    .throwIfAny();
        }

        @Override
        public BigDecimal on(BigDecimal gross, Currency currency) {
            return Money.round(gross.multiply(percent).movePointLeft(2), currency);
        }
    }

    /** A fixed amount off the line's size (a credit line shrinks towards zero too), never more than the line. */
    record Amount(BigDecimal amount) implements Discount {
        public Amount {
            new Checks()
                    .rule(amount != null && amount.signum() >= 0, "discount", "must not be negative")
                    .throwIfAny();
        }

        @Override
        public BigDecimal on(BigDecimal gross, Currency currency) {
            BigDecimal off = Money.round(amount, currency).min(gross.abs());
            return off.multiply(BigDecimal.valueOf(gross.signum()));
        }
    }
}
