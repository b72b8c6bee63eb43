package io.zohosync.adapters.http.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Stripe's minor units per currency, each special case against what ISO 4217 (the JDK) would have said. */
class StripeMinorUnitsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "VND", "VUV", "XAF", "XOF", "XPF"
            })
    void zeroDecimalCurrenciesAreWholeUnits(String code) {
        assertThat(StripeMinorUnits.major(new BigDecimal(5000), code)).isEqualTo(new BigDecimal("5000"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"BHD", "JOD", "KWD", "OMR", "TND"})
    void threeDecimalCurrenciesAreThousandths(String code) {
        assertThat(StripeMinorUnits.major(new BigDecimal(5120), code).toPlainString())
                .isEqualTo("5.120");
    }

    @ParameterizedTest
    @CsvSource({
        // code, Stripe amount, major units, what the JDK's ISO digits would have made of it
        "ISK, 500, 5.00, 500", // zero-decimal now, but written with two decimals at Stripe
        "UGX, 500, 5.00, 500", // listed zero-decimal, yet written with two decimals (special case)
        "HUF, 1045, 10.45, 10.45", // zero-decimal only for payouts; charges carry two
        "TWD, 1045, 10.45, 10.45", // as HUF
        "MGA, 500, 500, 5.00" // two decimals in ISO, zero at Stripe
    })
    void specialCasesFollowStripeNotIso(String code, long minor, String major, String iso) {
        assertThat(StripeMinorUnits.major(BigDecimal.valueOf(minor), code).toPlainString())
                .isEqualTo(major);
        assertThat(BigDecimal.valueOf(minor)
                        .movePointLeft(java.util.Currency.getInstance(code).getDefaultFractionDigits())
                        .toPlainString())
                .as("the JDK's reading, which this table exists to correct or confirm")
                .isEqualTo(iso);
    }

    @Test
    void otherCurrenciesAreTwoDecimal() {
        assertThat(StripeMinorUnits.decimals("USD")).isEqualTo(2);
        assertThat(StripeMinorUnits.decimals("ZAR")).isEqualTo(2);
        assertThat(StripeMinorUnits.decimals("IQD"))
                .as("three in ISO, unlisted at Stripe")
                .isEqualTo(2);
    }

    @Test
    void aCodeNamingNoCurrencyIsRefused() {
        assertThatThrownBy(() -> StripeMinorUnits.decimals("XYZ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StripeMinorUnits.decimals("usd")).isInstanceOf(IllegalArgumentException.class);
    }
}
