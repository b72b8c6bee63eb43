package io.zohosync.domain.money;

import java.math.BigDecimal;

/** Value: what pricing needs of a line — quantity, rate, discount and tax rate (percent, 0 for none). */
public interface PricedLine {

    BigDecimal quantity();

    BigDecimal rate();

    Discount discount();

    BigDecimal taxPercent();
}
