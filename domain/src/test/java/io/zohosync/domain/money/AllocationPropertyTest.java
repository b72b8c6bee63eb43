package io.zohosync.domain.money;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class AllocationPropertyTest {

    @Provide
    Arbitrary<List<BigDecimal>> weights() {
        return Arbitraries.bigDecimals()
                .between(BigDecimal.ZERO, new BigDecimal("100000"))
                .ofScale(4)
                .list()
                .ofMinSize(1)
                .ofMaxSize(12)
                .filter(ws -> ws.stream().anyMatch(w -> w.signum() > 0));
    }

    @Provide
    Arbitrary<Money> amounts() {
        return Arbitraries.of("ZAR", "INR", "JPY", "KWD")
                .flatMap(code -> Arbitraries.bigDecimals()
                        .between(BigDecimal.ZERO, new BigDecimal("1000000"))
                        .ofScale(3)
                        .map(amount -> new Money(amount, java.util.Currency.getInstance(code))));
    }

    @Property(tries = 500)
    void the_shares_add_up_to_the_rounded_amount_and_each_is_within_a_minor_unit_of_its_exact_part(
            @ForAll("amounts") Money amount, @ForAll("weights") List<BigDecimal> weights) {
        List<Money> shares = amount.allocate(weights);
        Money total = amount.rounded();
        BigDecimal unit = BigDecimal.ONE.movePointLeft(amount.currency().getDefaultFractionDigits());
        BigDecimal sum = weights.stream().reduce(BigDecimal.ZERO, BigDecimal::add);

        assertThat(shares).hasSameSizeAs(weights);
        assertThat(shares.stream().map(Money::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(total.amount());
        for (int i = 0; i < shares.size(); i++) {
            BigDecimal exact = total.amount().multiply(weights.get(i)).divide(sum, 20, java.math.RoundingMode.HALF_UP);
            assertThat(shares.get(i).amount().subtract(exact).abs()).isLessThan(unit);
            assertThat(shares.get(i).amount().signum()).isGreaterThanOrEqualTo(0);
            if (weights.get(i).signum() == 0) {
                assertThat(shares.get(i).amount()).isZero();
            }
        }
    }
}
