package io.zohosync.ports.flows.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.zohosync.domain.invoice.LineItem;
import io.zohosync.domain.money.Discount;
import io.zohosync.domain.money.GstSupply;
import io.zohosync.domain.money.TaxScheme;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoTax;
import io.zohosync.ports.out.zoho.ZohoTaxes;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BooksTaxIdsTest {

    private final List<String> calls = new ArrayList<>();
    private final List<ZohoTax> books = new ArrayList<>();
    private final List<Promise<Void>> held = new ArrayList<>();
    private boolean hold;

    private final ZohoTaxes taxes = new ZohoTaxes() {
        @Override
        public Future<ZohoOutcome<List<ZohoTax>>> list() {
            calls.add("list");
            List<ZohoTax> now = List.copyOf(books); // what Books holds when the call is made
            return answer().map(v -> new ZohoOutcome.Success<>(now));
        }

        @Override
        public Future<ZohoOutcome<ZohoTax>> create(String name, BigDecimal percent, String specificType) {
            calls.add("create " + name + " " + specificType);
            ZohoTax tax = new ZohoTax("t" + (books.size() + 1), name, percent, "tax", specificType);
            books.add(tax);
            return answer().map(v -> new ZohoOutcome.Success<>(tax));
        }
    };

    private final BooksTaxIds ids = new BooksTaxIds(taxes);

    @Test
    void an_intra_state_rate_takes_the_tax_group_and_an_inter_state_rate_the_igst_tax_of_that_rate() {
        books.add(new ZohoTax("g18", "GST18", new BigDecimal("18.00"), "tax_group", null));
        books.add(new ZohoTax("c9", "CGST9", new BigDecimal("9"), "tax", "cgst"));
        books.add(new ZohoTax("i18", "IGST18", new BigDecimal("18"), "tax", "igst"));
        books.add(new ZohoTax("v18", "VAT", new BigDecimal("18"), "tax", null));

        assertThat(success(ids.idsFor(new TaxScheme.Gst(new GstSupply("TN", "TN")), lines("18"))))
                .containsEntry(new BigDecimal("18"), "g18");
        assertThat(success(ids.idsFor(new TaxScheme.Gst(new GstSupply("TN", "KA")), lines("18"))))
                .containsEntry(new BigDecimal("18"), "i18");
        assertThat(success(ids.idsFor(new TaxScheme.Single("vat"), lines("18"))))
                .containsEntry(new BigDecimal("18"), "v18");
        assertThat(calls).as("listed once per unknown tax, created none").containsExactly("list", "list", "list");
        assertThat(ids.known(new TaxScheme.Single("VAT"), lines("18.0"))).isTrue();
    }

    @Test
    void two_orders_needing_the_same_new_tax_at_once_create_it_once() {
        hold = true;
        Future<ZohoOutcome<Map<BigDecimal, String>>> first = ids.idsFor(new TaxScheme.Single("VAT"), lines("15"));
        Future<ZohoOutcome<Map<BigDecimal, String>>> second = ids.idsFor(new TaxScheme.Single("VAT"), lines("15"));
        while (!held.isEmpty()) {
            held.remove(0).complete();
        }

        assertThat(success(first)).containsEntry(new BigDecimal("15"), "t1");
        assertThat(success(second)).containsEntry(new BigDecimal("15"), "t1");
        assertThat(calls).containsOnlyOnce("create VAT 15% null");
        assertThat(books).hasSize(1);
    }

    @Test
    void a_tax_books_no_longer_has_is_looked_up_again_once_forgotten() {
        books.add(new ZohoTax("v15", "VAT", new BigDecimal("15"), "tax", null));
        assertThat(success(ids.idsFor(new TaxScheme.Single("VAT"), lines("15"))))
                .containsValue("v15");
        books.clear();
        books.add(new ZohoTax("v15b", "VAT", new BigDecimal("15"), "tax", null));

        ids.forget();

        assertThat(success(ids.idsFor(new TaxScheme.Single("VAT"), lines("15"))))
                .containsValue("v15b");
    }

    private Future<Void> answer() {
        if (!hold) {
            return Future.succeededFuture();
        }
        Promise<Void> later = Promise.promise();
        held.add(later);
        return later.future();
    }

    private static List<LineItem> lines(String percent) {
        return List.of(new LineItem(
                null, "Class", null, BigDecimal.ONE, new BigDecimal("100"), Discount.NONE, new BigDecimal(percent)));
    }

    private static <T> T success(Future<ZohoOutcome<T>> future) {
        assertThat(future.isComplete()).as("answered").isTrue();
        ZohoOutcome<T> outcome = future.result();
        assertThat(outcome).isInstanceOf(ZohoOutcome.Success.class);
        return ((ZohoOutcome.Success<T>) outcome).value();
    }
}
