package io.zohosync.bootstrap;

import static io.zohosync.bootstrap.RunningService.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.zohosync.sandbox.ZohoSandbox;
import io.zohosync.sandbox.core.SandboxRecord;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Refunds through HTTP, Postgres, the worker and the Books sandbox: a refund of a payment applied to an invoice is a
 * credit note against that invoice (all its lines for a refund of all of it, a line per tax including it for part) and that
 * credit note's refund, from the account the payment went into; a refund of a customer credit is a refund of the
 * payment itself; more than is left fails with the amounts, writing nothing.
 */
@ExtendWith(VertxExtension.class)
class RefundFlowEndToEndTest {

    private static RunningService service;
    private static ZohoSandbox zoho;

    @BeforeAll
    static void start(Vertx v) throws Exception {
        service = RunningService.start(v, "refunds", Map.of());
        zoho = service.zoho;
    }

    @AfterAll
    static void stop() throws Exception {
        service.stop();
    }

    @Test
    void a_refund_of_a_paid_enrollment_is_a_credit_note_for_all_of_it_and_its_refund_each_written_once()
            throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String orderId = paidEnrollment(suffix);
        Map<String, Integer> before = zoho.inspect().calls();

        // the refund arrives before anything else could be wrong: it waits for nothing, its payment is synced
        await(service.put("refunds", "re_full" + suffix, refund("PAY-" + suffix, "575.00", "class cancelled")));
        JsonObject synced = service.awaitStatus("refunds", "re_full" + suffix, "synced");

        JsonObject note = only("creditnotes", "re_full" + suffix);
        assertThat(note.getString("creditnote_id")).isEqualTo(synced.getString("zoho_id"));
        assertThat(note.getString("creditnote_number")).isEqualTo("re_full" + suffix);
        assertThat(note.getString("reference_number")).isEqualTo("re_full" + suffix);
        assertThat(note.getDouble("total"))
                .as("the invoice's total, tax included")
                .isEqualTo(575.00);
        assertThat(note.getDouble("tax_total")).as("the VAT reversed").isEqualTo(75.00);
        assertThat(note.getDouble("balance")).isEqualTo(0.0);
        assertThat(note.getString("status")).isEqualTo("closed");
        JsonObject refund = only("creditnote_refunds", "re_full" + suffix);
        assertThat(refund.getDouble("amount")).isEqualTo(575.00);
        assertThat(refund.getString("refund_mode")).as("back the way it came").isEqualTo("creditcard");
        assertThat(refund.getString("description")).isEqualTo("class cancelled");
        assertThat(invoice(orderId).getString("status"))
                .as("the invoice stays paid")
                .isEqualTo("paid");
        assertThat(service.callsSince(before, "POST /books/v3/creditnotes")).isEqualTo(1);
        assertThat(service.callsSince(before, "POST /books/v3/creditnotes/{creditnote_id}/refunds"))
                .isEqualTo(1);
        // and two reads: the payment (its account, mode and invoice) and the invoice (its lines): 4 calls in all
        assertThat(service.callsSince(before, "GET /books/v3/customerpayments/{payment_id}"))
                .isEqualTo(1);
        assertThat(service.callsSince(before, "GET /books/v3/invoices/{invoice_id}"))
                .isEqualTo(1);
        // the same refund again is unchanged: nothing more is written
        assertThat(await(service.put(
                                "refunds", "re_full" + suffix, refund("PAY-" + suffix, "575.00", "class cancelled")))
                        .statusCode())
                .isEqualTo(200);
        Thread.sleep(300);
        assertThat(service.callsSince(before, "POST /books/v3/creditnotes")).isEqualTo(1);
    }

    @Test
    void a_refund_of_all_of_an_invoice_priced_with_tax_included_comes_to_the_invoices_total_again() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        paidEnrollment(suffix, true, "500.00");

        await(service.put("refunds", "re_incl" + suffix, refund("PAY-" + suffix, "500.00", null)));
        service.awaitStatus("refunds", "re_incl" + suffix, "synced");

        JsonObject note = only("creditnotes", "re_incl" + suffix);
        assertThat(note.getBoolean("is_inclusive_tax")).isTrue();
        assertThat(note.getDouble("total")).isEqualTo(500.00);
        assertThat(note.getDouble("tax_total")).as("500 × 15 / 115").isEqualTo(65.22);
        assertThat(note.getString("status")).isEqualTo("closed");
    }

    @Test
    void a_part_refund_reverses_its_share_of_the_vat_and_a_second_beyond_what_is_left_fails_with_the_amounts()
            throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String orderId = paidEnrollment(suffix);

        await(service.put("refunds", "re_part" + suffix, refund("PAY-" + suffix, "100.00", null)));
        service.awaitStatus("refunds", "re_part" + suffix, "synced");
        JsonObject note = only("creditnotes", "re_part" + suffix);
        assertThat(note.getDouble("total")).isEqualTo(100.00);
        assertThat(note.getDouble("tax_total"))
                .as("100 × 15 / 115: the VAT in what is refunded")
                .isEqualTo(13.04);
        assertThat(note.getBoolean("is_inclusive_tax")).isTrue();
        JsonArray lines = note.getJsonArray("line_items");
        assertThat(lines).hasSize(1);
        assertThat(lines.getJsonObject(0).getString("name")).isEqualTo("Refund re_part" + suffix);
        assertThat(lines.getJsonObject(0).getString("tax_id"))
                .as("the invoice's VAT")
                .isEqualTo(invoice(orderId)
                        .getJsonArray("line_items")
                        .getJsonObject(0)
                        .getString("tax_id"));

        await(service.put("refunds", "re_more" + suffix, refund("PAY-" + suffix, "500.00", null)));
        JsonObject failed = service.awaitStatus("refunds", "re_more" + suffix, "failed");
        assertThat(failed.getString("last_error")).contains("500.00", "575.00 paid");
    }

    @Test
    void a_refund_of_a_customer_credit_is_refunded_from_the_payment_and_more_than_is_unused_fails() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String customerId = "cus-" + suffix;
        await(service.put("customers", customerId, customer(customerId)));
        await(service.put(
                "payments",
                "CREDIT-" + suffix,
                new JsonObject()
                        .put("customer_id", customerId)
                        .put("amount", "80.00")
                        .put("currency", "ZAR")
                        .put("date", "2026-03-02")
                        .put("method", "eft")));
        service.awaitStatus("payments", "CREDIT-" + suffix, "synced");

        await(service.put("refunds", "RF1-" + suffix, refund("CREDIT-" + suffix, "30.00", null)));
        JsonObject synced = service.awaitStatus("refunds", "RF1-" + suffix, "synced");
        JsonObject refund = only("customerpayment_refunds", "RF1-" + suffix);
        assertThat(refund.getDouble("amount")).isEqualTo(30.00);
        assertThat(refund.getString("refund_mode")).isEqualTo("banktransfer");
        assertThat(synced.getString("zoho_id")).isNotBlank();
        assertThat(records("creditnotes", "RF1-" + suffix))
                .as("no credit note for a credit")
                .isEmpty();

        await(service.put("refunds", "RF2-" + suffix, refund("CREDIT-" + suffix, "60.00", null)));
        JsonObject failed = service.awaitStatus("refunds", "RF2-" + suffix, "failed");
        assertThat(failed.getString("last_error")).contains("80.00 paid", "50.00 unused");
        assertThat(records("customerpayment_refunds", "RF2-" + suffix)).isEmpty();
    }

    /** A parent, a class at 250.00 × 2 with 15 % VAT, the enrollment, and its 575.00 payment: the invoice paid. */
    private static String paidEnrollment(String suffix) throws Exception {
        return paidEnrollment(suffix, false, "575.00");
    }

    private static String paidEnrollment(String suffix, boolean taxIncluded, String total) throws Exception {
        String customerId = "cus-" + suffix;
        String sku = "YOGA-" + suffix;
        String orderId = "ENR-" + suffix;
        await(service.put("customers", customerId, customer(customerId)));
        await(service.put(
                "items",
                sku,
                new JsonObject().put("name", "Yoga").put("rate", "250.00").put("currency", "ZAR")));
        await(service.put(
                "orders",
                orderId,
                new JsonObject()
                        .put("customer_id", customerId)
                        .put("date", "2026-03-01")
                        .put("currency", "ZAR")
                        .put("prices_include_tax", taxIncluded)
                        .put("tax", new JsonObject().put("scheme", "single").put("name", "VAT"))
                        .put(
                                "line_items",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("item_id", sku)
                                                .put("quantity", "2")
                                                .put("rate", "250.00")
                                                .put("tax_percentage", "15")))));
        await(service.put(
                "payments",
                "PAY-" + suffix,
                new JsonObject()
                        .put("customer_id", customerId)
                        .put("invoice_id", orderId)
                        .put("amount", total)
                        .put("currency", "ZAR")
                        .put("date", "2026-03-02")
                        .put("method", "stripe")
                        .put("provider_payment_id", "pi_" + suffix)));
        service.awaitStatus("payments", "PAY-" + suffix, "synced");
        assertThat(invoice(orderId).getString("status")).isEqualTo("paid");
        return orderId;
    }

    private static JsonObject refund(String paymentId, String amount, String reason) {
        JsonObject refund = new JsonObject()
                .put("payment_id", paymentId)
                .put("amount", amount)
                .put("currency", "ZAR")
                .put("date", "2026-03-05");
        return reason == null ? refund : refund.put("reason", reason);
    }

    private static JsonObject customer(String id) {
        return new JsonObject()
                .put("first_name", "Ada")
                .put("last_name", "Lovelace " + id)
                .put("email", id + "@example.com");
    }

    private static JsonObject invoice(String number) {
        return only("invoices", number);
    }

    private static JsonObject only(String entity, String marker) {
        List<JsonObject> found = records(entity, marker);
        assertThat(found).as("%s carrying %s", entity, marker).hasSize(1);
        return found.get(0);
    }

    private static List<JsonObject> records(String entity, String marker) {
        return zoho.inspect().recordsFor(marker).stream()
                .filter(r -> r.entity().equals(entity))
                .map(SandboxRecord::body)
                .toList();
    }
}
