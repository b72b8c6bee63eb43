package io.zohosync.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zohosync.domain.catalog.Item;
import io.zohosync.domain.common.InvalidInput;
import io.zohosync.domain.crm.CrmContact;
import io.zohosync.domain.crm.Inquiry;
import io.zohosync.domain.crm.Lead;
import io.zohosync.domain.crm.PlatformUser;
import io.zohosync.domain.invoice.LineItem;
import io.zohosync.domain.money.Money;
import io.zohosync.domain.quote.Quote;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntitiesTest {

    static final LocalDate D = LocalDate.of(2026, 5, 1);
    static final Currency INR = Currency.getInstance("INR");

    @Test
    void an_item_is_known_by_its_trimmed_sku_and_checks_its_rate() {
        Item item = new Item(" YOGA-1 ", " Yoga ", Money.of("100", "INR"), null);
        assertThat(item.sku()).isEqualTo("YOGA-1");
        assertThat(item.name()).isEqualTo("Yoga");
        assertThatThrownBy(() -> new Item("S", "N", Money.of("-1", "INR"), null))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new Item("S", "N", null, null)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new Item("", "N", Money.of("1", "INR"), null)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new Item("S", "", Money.of("1", "INR"), null)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new Item("S".repeat(101), "N", Money.of("1", "INR"), null))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new Item("S", "N".repeat(101), Money.of("1", "INR"), null))
                .isInstanceOf(InvalidInput.class);
        assertThat(new Item("S", "N", Money.of("0", "INR"), null).rate().amount())
                .isZero();
    }

    @Test
    void a_quote_becomes_an_estimate_numbered_by_its_platform_id() {
        LineItem a = new LineItem("A", "A", null, BigDecimal.ONE, BigDecimal.TEN, null, null);
        LineItem free = LineItem.single("Setup", BigDecimal.ONE);
        Quote quote = new Quote("q-1", "cus-1", D, D.plusDays(30), INR, List.of(a, free, a), null, null);
        assertThat(quote.estimateNumber()).isEqualTo("q-1");
        assertThat(quote.itemSkus()).containsExactly("A");
        assertThat(quote.totals().total().amount()).isEqualByComparingTo("21");
        List<LineItem> lines = List.of(a);
        assertThatThrownBy(() -> new Quote("", "c", D, null, INR, lines, null, null))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new Quote("q".repeat(101), "c", D, null, INR, lines, null, null))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new Quote("q", "", D, null, INR, lines, null, null))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new Quote("q", "c", null, null, INR, lines, null, null))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new Quote("q", "c", D, D.minusDays(1), INR, lines, null, null))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new Quote("q", "c", D, null, null, lines, null, null))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new Quote("q", "c", D, null, INR, List.of(), null, null))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new Quote("q", "c", D, null, INR, null, null, null))
                .isInstanceOf(InvalidInput.class);
        assertThat(new Quote("q", "c", D, D, INR, lines, null, null).expiryDate())
                .isEqualTo(D);
    }

    @Test
    void an_inquiry_becomes_a_lead_with_the_last_word_as_last_name() {
        Inquiry inquiry =
                new Inquiry("inq-1", "  Mary  Ann   Smith ", " Mary@Example.com", "+27 21", "Acme", "Call me");
        assertThat(inquiry.toLead())
                .isEqualTo(new Lead("inq-1", "Mary Ann", "Smith", "mary@example.com", "+27 21", "Acme", "Call me"));
    }

    @Test
    void a_one_word_or_missing_name_still_gives_the_lead_a_last_name() {
        assertThat(new Inquiry("i", "Cher", "c@x.io", null, null, null).toLead().lastName())
                .isEqualTo("Cher");
        assertThat(new Inquiry("i", "Cher", "c@x.io", null, null, null).toLead().firstName())
                .isNull();
        Lead nameless = new Inquiry("i", " ", "info@shop.co.za", null, null, null).toLead();
        assertThat(nameless.lastName()).isEqualTo("info");
        assertThat(nameless.firstName()).isNull();
        assertThat(new Inquiry("i", null, "a@b.co", null, null, null).toLead().lastName())
                .isEqualTo("a");
    }

    @Test
    void an_inquiry_needs_an_id_and_an_email() {
        assertThatThrownBy(() -> new Inquiry("", "N", "a@b.co", null, null, null))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new Inquiry("i", "N", "nope", null, null, null))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new Inquiry("i", "N", null, null, null, null)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new Inquiry("i", "N", "a@b.co", null, null, "m".repeat(32_001)))
                .isInstanceOf(InvalidInput.class);
    }

    @Test
    void a_platform_user_becomes_a_crm_contact() {
        assertThat(new PlatformUser("u-1", "Thabo Mbeki", "THABO@x.io", "082").toCrmContact())
                .isEqualTo(new CrmContact("u-1", "Thabo", "Mbeki", "thabo@x.io", "082"));
        assertThat(new PlatformUser("u-2", null, "ops@x.io", null)
                        .toCrmContact()
                        .lastName())
                .isEqualTo("ops");
        assertThatThrownBy(() -> new PlatformUser("", "N", "a@b.co", null)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new PlatformUser("u", "N", "x", null)).isInstanceOf(InvalidInput.class);
    }
}
