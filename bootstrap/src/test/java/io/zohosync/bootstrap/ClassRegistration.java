package io.zohosync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zohosync.sandbox.SandboxInspection;
import io.zohosync.sandbox.core.SandboxRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Test fixture: one class registration as a class-registration platform and Stripe send it — the parent, the class,
 * the enrollment (one class line, 1,200.00 ZAR + VAT 15 % = 1,380.00) and Stripe's signed {@code
 * checkout.session.completed} naming both — and the one end state Books must reach, whatever the order, redelivery
 * or crash on the way.
 */
public record ClassRegistration(
        String parentId,
        String classSku,
        String enrollmentId,
        String paymentIntent,
        String eventId,
        long eventCreated) {

    /** The signing secret the tests configure in {@code ZSYNC_STRIPE_WEBHOOK_SECRETS}. */
    public static final String STRIPE_SECRET = "whsec_class_registration_secret";

    /** The four Books creations one paid enrollment of a new parent needs; each must happen exactly once. */
    public static final List<String> WRITES = List.of(
            "POST /books/v3/contacts",
            "POST /books/v3/items",
            "POST /books/v3/invoices",
            "POST /books/v3/customerpayments");

    /** Updates that would mean a record was written again instead of once. */
    public static final List<String> REWRITES = List.of(
            "PUT /books/v3/contacts/{contact_id}",
            "PUT /books/v3/items/{item_id}",
            "PUT /books/v3/invoices/{invoice_id}",
            "PUT /books/v3/customerpayments/{payment_id}");

    /** One message of the sequence: the platform's three PUTs and Stripe's event. */
    public enum Message {
        CUSTOMER("customers"),
        ITEM("items"),
        ORDER("orders"),
        STRIPE("payments");

        /** The platform API collection where the message's record can be read back. */
        public final String collection;

        Message(String collection) {
            this.collection = collection;
        }
    }

    /** A registration whose ids all end in {@code suffix}, paid now. */
    public static ClassRegistration of(String suffix) {
        return new ClassRegistration(
                "parent-" + suffix,
                "CLASS-" + suffix,
                "ENR-" + suffix,
                "pi_" + suffix,
                "evt_" + suffix,
                Instant.now().getEpochSecond());
    }

    /** The same parent and class enrolled again: a new enrollment ({@code ENR-R-…}) paid by a new payment intent now. */
    public ClassRegistration again(String suffix) {
        return new ClassRegistration(
                parentId,
                classSku,
                "ENR-R-" + suffix,
                "pi_r_" + suffix,
                "evt_r_" + suffix,
                Instant.now().getEpochSecond());
    }

    /** The platform id of the record {@code message} creates (the payment's id is the payment intent's). */
    public String idOf(Message message) {
        return switch (message) {
            case CUSTOMER -> parentId;
            case ITEM -> classSku;
            case ORDER -> enrollmentId;
            case STRIPE -> paymentIntent;
        };
    }

    /** The body of a platform PUT ({@code CUSTOMER}, {@code ITEM} or {@code ORDER}). */
    public JsonObject body(Message message) {
        return switch (message) {
            case CUSTOMER ->
                new JsonObject()
                        .put("first_name", "Grace")
                        .put("last_name", "Hopper " + parentId)
                        .put("email", parentId + "@example.com")
                        .put("phone", "+27 21 555 0199");
            case ITEM ->
                new JsonObject()
                        .put("name", "Robotics club, term 1 " + classSku)
                        .put("rate", "1200.00")
                        .put("currency", "ZAR")
                        .put("description", "Ten Saturday sessions");
            case ORDER ->
                new JsonObject()
                        .put("customer_id", parentId)
                        .put("date", "2026-11-29")
                        .put("currency", "ZAR")
                        .put("tax", new JsonObject().put("scheme", "single").put("name", "VAT"))
                        .put(
                                "line_items",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("item_id", classSku)
                                                .put("quantity", "1")
                                                .put("rate", "1200.00")
                                                .put("tax_percentage", "15")));
            case STRIPE -> throw new IllegalArgumentException("Stripe's message is the event: see stripeEvent");
        };
    }

    /**
     * Stripe's {@code checkout.session.completed}, paid: 138000 minor units of ZAR, metadata naming parent and
     * enrollment. The same bytes on every delivery, as Stripe redelivers an event; only the signature is new.
     */
    public String stripeEvent() {
        return new JsonObject()
                .put("id", eventId)
                .put("object", "event")
                .put("type", "checkout.session.completed")
                .put("created", eventCreated)
                .put(
                        "data",
                        new JsonObject()
                                .put(
                                        "object",
                                        new JsonObject()
                                                .put("id", "cs_test_" + eventId)
                                                .put("object", "checkout.session")
                                                .put("mode", "payment")
                                                .put("payment_status", "paid")
                                                .put("status", "complete")
                                                .put("payment_intent", paymentIntent)
                                                .put("amount_total", 138000)
                                                .put("currency", "zar")
                                                .put(
                                                        "metadata",
                                                        new JsonObject()
                                                                .put("customer_id", parentId)
                                                                .put("order_id", enrollmentId))))
                .encode();
    }

    /** The {@code Stripe-Signature} header Stripe would send for {@code body} at {@code t} under {@code secret}. */
    public static String stripeSignature(long t, String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "t=" + t + ",v1="
                    + HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Asserts the end state in the sandbox: one contact, one item, one invoice numbered with the enrollment id with
     * its one class line and the VAT, paid by one customer payment referenced by the payment intent; {@code
     * zohoIds} (by message, from the service's sync records) name exactly those objects.
     */
    public void assertSettledIn(SandboxInspection zoho, Map<Message, String> zohoIds) {
        JsonObject contact = single(zoho, parentId + "@example.com", "contacts");
        JsonObject item = single(zoho, classSku, "items");
        JsonObject invoice = single(zoho, enrollmentId, "invoices");
        JsonObject payment = single(zoho, paymentIntent, "customerpayments");

        assertThat(contact.getString("contact_id")).isEqualTo(zohoIds.get(Message.CUSTOMER));
        assertThat(item.getString("item_id")).isEqualTo(zohoIds.get(Message.ITEM));
        assertThat(invoice.getString("invoice_id")).isEqualTo(zohoIds.get(Message.ORDER));
        assertThat(payment.getString("payment_id")).isEqualTo(zohoIds.get(Message.STRIPE));

        assertThat(invoice.getString("invoice_number")).isEqualTo(enrollmentId);
        assertThat(invoice.getString("customer_id")).isEqualTo(contact.getString("contact_id"));
        assertThat(invoice.getJsonArray("line_items")).hasSize(1);
        JsonObject line = invoice.getJsonArray("line_items").getJsonObject(0);
        assertThat(line.getString("item_id")).isEqualTo(item.getString("item_id"));
        assertThat(line.getString("tax_name")).isEqualTo("VAT 15%");
        assertThat(invoice.getDouble("sub_total")).isEqualTo(1200.00);
        assertThat(invoice.getDouble("tax_total")).isEqualTo(180.00);
        assertThat(invoice.getDouble("total")).isEqualTo(1380.00);
        assertThat(invoice.getString("status")).isEqualTo("paid");
        assertThat(invoice.getDouble("balance")).isEqualTo(0.0);

        assertThat(payment.getString("reference_number")).isEqualTo(paymentIntent);
        assertThat(payment.getString("customer_id")).isEqualTo(contact.getString("contact_id"));
        assertThat(payment.getString("payment_mode")).isEqualTo("creditcard");
        assertThat(payment.getDouble("amount")).isEqualTo(1380.00);
        assertThat(payment.getJsonArray("invoices")).hasSize(1);
        assertThat(payment.getJsonArray("invoices").getJsonObject(0).getString("invoice_id"))
                .isEqualTo(invoice.getString("invoice_id"));
    }

    /** The sandbox's calls between two snapshots of its per-endpoint counts, endpoints without calls left out. */
    public static Map<String, Integer> callsBetween(Map<String, Integer> before, Map<String, Integer> after) {
        Map<String, Integer> delta = new TreeMap<>();
        after.forEach((endpoint, count) -> {
            int made = count - before.getOrDefault(endpoint, 0);
            if (made > 0) {
                delta.put(endpoint, made);
            }
        });
        return delta;
    }

    /** Asserts that {@code calls} wrote each of the four records exactly once and never again. */
    public static void assertEachWrittenOnce(Map<String, Integer> calls) {
        for (String write : WRITES) {
            assertThat(calls.getOrDefault(write, 0))
                    .as("%s in %s", write, calls)
                    .isEqualTo(1);
        }
        for (String rewrite : REWRITES) {
            assertThat(calls.getOrDefault(rewrite, 0))
                    .as("%s in %s", rewrite, calls)
                    .isZero();
        }
    }

    private static JsonObject single(SandboxInspection zoho, String marker, String entity) {
        List<SandboxRecord> found = zoho.recordsFor(marker).stream()
                .filter(r -> r.entity().equals(entity))
                .toList();
        assertThat(found).as("Books %s for %s", entity, marker).hasSize(1);
        return found.get(0).body();
    }
}
