package io.zohosync.adapters.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.zohosync.adapters.zoho.call.ZohoRequest;
import io.zohosync.domain.invoice.Invoice;
import io.zohosync.domain.invoice.LineItem;
import io.zohosync.domain.money.Discount;
import io.zohosync.domain.money.GstSupply;
import io.zohosync.domain.money.PriceBasis;
import io.zohosync.domain.money.TaxAmount;
import io.zohosync.domain.money.TaxScheme;
import io.zohosync.domain.money.Totals;
import io.zohosync.ports.out.zoho.ZohoInvoice;
import io.zohosync.ports.out.zoho.ZohoLinks;
import io.zohosync.ports.out.zoho.ZohoProduct;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The totals the domain computes for an invoice equal, to the cent, the totals the Books sandbox answers for the same
 * invoice written by the adapter — sub-total, each tax, tax total and total — for generated lines (odd fractional
 * quantities, rates, percentage and amount discounts, several tax rates, untaxed lines) under a plain VAT, India's
 * inter-state IGST and intra-state CGST + SGST (a Books tax group), with tax on top of the price or included in it.
 */
class InvoiceTotalsPropertyTest {

    enum Scheme {
        VAT,
        IGST,
        CGST_SGST
    }

    private static final Currency INR = Currency.getInstance("INR");
    private static final List<BigDecimal> RATES = List.of(
            BigDecimal.ZERO, new BigDecimal("5"), new BigDecimal("12.5"), new BigDecimal("15"), new BigDecimal("18"));
    private static final AtomicInteger NUMBER = new AtomicInteger();

    private static Vertx vertx;
    private static SandboxFixture fx;
    private static final Map<Scheme, ZohoLinks> LINKS = new LinkedHashMap<>();

    @BeforeContainer
    static void start() {
        vertx = Vertx.vertx();
        fx = SandboxFixture.start(vertx);
        String customerId = Outcomes.success(Customers.createContact(fx.zoho.contacts(), Customers.customer("totals")))
                .contactId();
        Map<BigDecimal, String> vat = new LinkedHashMap<>();
        Map<BigDecimal, String> igst = new LinkedHashMap<>();
        Map<BigDecimal, String> groups = new LinkedHashMap<>();
        for (BigDecimal rate : RATES.subList(1, RATES.size())) {
            vat.put(rate, tax("VAT " + rate, rate, null));
            igst.put(rate, tax("IGST" + rate, rate, "igst"));
            BigDecimal half = rate.divide(BigDecimal.valueOf(2));
            String cgst = tax("CGST" + half, half, "cgst");
            String sgst = tax("SGST" + half, half, "sgst");
            JsonObject group = Outcomes.success(fx.zoho
                    .api()
                    .call(
                            ZohoRequest.post(
                                    ZohoProduct.BOOKS,
                                    "/settings/taxgroups",
                                    new JsonObject()
                                            .put("tax_group_name", "GST" + rate)
                                            .put("taxes", cgst + "," + sgst)),
                            r -> r.getJsonObject("tax_group")));
            groups.put(rate, group.getString("tax_group_id"));
        }
        LINKS.put(Scheme.VAT, new ZohoLinks(customerId, Map.of(), vat));
        LINKS.put(Scheme.IGST, new ZohoLinks(customerId, Map.of(), igst));
        LINKS.put(Scheme.CGST_SGST, new ZohoLinks(customerId, Map.of(), groups));
    }

    @AfterContainer
    static void stop() {
        fx.close();
        vertx.close().await();
    }

    @Property(tries = 200)
    void the_domains_totals_are_the_totals_books_answers(
            @ForAll Scheme scheme, @ForAll PriceBasis basis, @ForAll("lines") List<LineItem> lines) {
        TaxScheme taxes = switch (scheme) {
            case VAT -> new TaxScheme.Single("VAT");
            case IGST -> new TaxScheme.Gst(new GstSupply("TN", "KA"));
            case CGST_SGST -> new TaxScheme.Gst(new GstSupply("TN", "TN"));
        };
        String number = "P-" + NUMBER.incrementAndGet();
        Invoice invoice =
                new Invoice(number, number, "totals", LocalDate.of(2026, 3, 1), null, INR, lines, basis, taxes);
        Totals domain = invoice.totals();
        fx.advance(Duration.ofSeconds(61)); // Books takes 100 calls a minute; the adapter's budget holds to it

        ZohoInvoice books = Outcomes.success(fx.zoho.invoices().create(invoice, LINKS.get(scheme)));
        JsonObject held =
                fx.sandbox.inspect().recordsFor(books.invoiceId()).get(0).body();

        assertThat(held.getBoolean("is_inclusive_tax")).isEqualTo(basis == PriceBasis.INCLUSIVE);
        assertThat(cents(held.getValue("sub_total")))
                .as("%s sub-total of %s", basis, lines)
                .isEqualTo(cents(domain.subTotal().amount()));
        assertThat(taxesBooksLists(held)).as("%s taxes of %s", basis, lines).isEqualTo(taxesOf(domain, scheme));
        assertThat(cents(held.getValue("tax_total")))
                .as("%s tax of %s", basis, lines)
                .isEqualTo(cents(domain.taxTotal().amount()));
        assertThat(books.total())
                .as("%s total of %s", basis, lines)
                .isEqualByComparingTo(domain.total().amount());
    }

    /** The domain's taxes under the names the test gave them in Books ("VAT 12.5", "IGST18", "CGST6.25"). */
    private static Map<String, BigDecimal> taxesOf(Totals domain, Scheme scheme) {
        Map<String, BigDecimal> taxes = new TreeMap<>();
        for (TaxAmount tax : domain.taxes()) {
            String percent = tax.tax().percent().toPlainString();
            String name = scheme == Scheme.VAT ? "VAT " + percent : tax.tax().name() + percent;
            taxes.put(name, cents(tax.amount().amount()));
        }
        return taxes;
    }

    private static Map<String, BigDecimal> taxesBooksLists(JsonObject held) {
        Map<String, BigDecimal> taxes = new TreeMap<>();
        held.getJsonArray("taxes").stream()
                .map(JsonObject.class::cast)
                .forEach(t -> taxes.put(t.getString("tax_name"), cents(t.getValue("tax_amount"))));
        return taxes;
    }

    private static BigDecimal cents(Object amount) {
        return new BigDecimal(amount.toString()).setScale(2, RoundingMode.UNNECESSARY);
    }

    @Provide
    Arbitrary<List<LineItem>> lines() {
        Arbitrary<BigDecimal> quantity = Arbitraries.oneOf(
                Arbitraries.integers().between(1, 12).map(BigDecimal::valueOf),
                Arbitraries.bigDecimals()
                        .between(new BigDecimal("0.25"), new BigDecimal("10"))
                        .ofScale(2),
                Arbitraries.of("0.125", "0.333", "1.5", "2.375", "7.777").map(BigDecimal::new));
        Arbitrary<BigDecimal> rate = Arbitraries.bigDecimals()
                .between(new BigDecimal("0.01"), new BigDecimal("5000"))
                .ofScale(2);
        Arbitrary<Discount> discount = Arbitraries.oneOf(
                Arbitraries.just(Discount.NONE),
                Arbitraries.integers().between(1, 50).map(p -> new Discount.Percent(BigDecimal.valueOf(p))),
                Arbitraries.bigDecimals()
                        .between(new BigDecimal("0.01"), new BigDecimal("20"))
                        .ofScale(2)
                        .map(Discount.Amount::new));
        Arbitrary<LineItem> line = Combinators.combine(quantity, rate, discount, Arbitraries.of(RATES))
                .as((q, r, d, t) -> new LineItem(null, "Line", null, q, r, d, t));
        return line.list().ofMinSize(1).ofMaxSize(5);
    }

    private static String tax(String name, BigDecimal percent, String specificType) {
        return Outcomes.success(fx.zoho.taxes().create(name, percent, specificType))
                .taxId();
    }
}
