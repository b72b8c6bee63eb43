package io.zohosync.sandbox;

import static io.zohosync.sandbox.SandboxClient.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Books' {@code is_inclusive_tax} on invoices and estimates: each tax is backed out of the sum of its lines
 * ({@code sum × p / (100 + rate)}, half-up to the cent), {@code sub_total} is the lines less their taxes and
 * {@code total} what the lines say. Every figure below is worked by hand in its comment.
 */
@ExtendWith(VertxExtension.class)
class BooksInclusiveTaxTest {
    private SandboxClient client;
    private String token;
    private String customerId;
    private String vat15;
    private String igst5;
    private String gst18;

    @BeforeEach
    void start(Vertx vertx) {
        client = SandboxClient.start(vertx, SandboxOptions.defaults());
        token = client.accessToken();
        customerId = ok(HttpMethod.POST, "/contacts", new JsonObject().put("contact_name", "Bowman and Co"))
                .getJsonObject("contact")
                .getString("contact_id");
        vat15 = tax("VAT15", 15, null);
        igst5 = tax("IGST5", 5, "igst");
        gst18 = ok(
                        HttpMethod.POST,
                        "/settings/taxgroups",
                        new JsonObject()
                                .put("tax_group_name", "GST18")
                                .put("taxes", tax("CGST9", 9, "cgst") + "," + tax("SGST9", 9, "sgst")))
                .getJsonObject("tax_group")
                .getString("tax_group_id");
    }

    @AfterEach
    void stop() {
        client.close();
    }

    @Test
    void anInclusiveRateHoldsItsTax() {
        // 115 × 15 / 115 = 15.00; sub-total 115 − 15 = 100.00; the customer pays the 115 the line says
        JsonObject invoice = create("/invoices", "invoice", true, line(115, 1, vat15));

        assertThat(invoice.getBoolean("is_inclusive_tax")).isTrue();
        assertThat(invoice.getJsonArray("taxes"))
                .containsExactly(new JsonObject().put("tax_name", "VAT15").put("tax_amount", 15.0));
        assertThat(invoice.getDouble("tax_total")).isEqualTo(15.0);
        assertThat(invoice.getDouble("sub_total")).isEqualTo(100.0);
        assertThat(invoice.getDouble("total")).isEqualTo(115.0);
        assertThat(invoice.getDouble("balance")).isEqualTo(115.0);
        assertThat(invoice.getJsonArray("line_items").getJsonObject(0).getDouble("item_total"))
                .isEqualTo(100.0);
    }

    @Test
    void eachTaxOfAGroupIsBackedOutAtItsOwnShareAndRoundedOnItsOwn() {
        // 100 × 9 / 118 = 7.6271 → 7.63 for CGST and for SGST; sub-total 100 − 15.26 = 84.74
        JsonObject invoice = create("/invoices", "invoice", true, line(100, 1, gst18));

        assertThat(invoice.getJsonArray("taxes"))
                .containsExactly(
                        new JsonObject().put("tax_name", "CGST9").put("tax_amount", 7.63),
                        new JsonObject().put("tax_name", "SGST9").put("tax_amount", 7.63));
        assertThat(invoice.getDouble("tax_total")).isEqualTo(15.26);
        assertThat(invoice.getDouble("sub_total")).isEqualTo(84.74);
        assertThat(invoice.getDouble("total")).isEqualTo(100.0);
        assertThat(invoice.getJsonArray("line_items").getJsonObject(0).getDouble("item_total"))
                .isEqualTo(84.74);
    }

    @Test
    void theTaxIsBackedOutOfTheSumOfItsLinesNotLineByLine() {
        // each 0.10 holds 0.10 × 5 / 105 = 0.0048 → 0.00; the three together 0.30 × 5 / 105 = 0.0143 → 0.01
        JsonObject invoice =
                create("/invoices", "invoice", true, line(0.10, 1, igst5), line(0.10, 1, igst5), line(0.10, 1, igst5));

        assertThat(invoice.getDouble("tax_total")).isEqualTo(0.01);
        assertThat(invoice.getDouble("sub_total")).isEqualTo(0.29);
        assertThat(invoice.getDouble("total")).isEqualTo(0.30);
        assertThat(invoice.getJsonArray("line_items").getJsonObject(0).getDouble("item_total"))
                .isEqualTo(0.10);
    }

    @Test
    void theDiscountComesOffTheInclusiveLineBeforeTheTaxIsBackedOut() {
        // 236 × 0.5 = 118.00, 10 % off = 106.20; 106.20 × 9 / 118 = 8.10 each; sub-total 106.20 − 16.20 = 90.00
        JsonObject invoice =
                create("/invoices", "invoice", true, line(236, 0.5, gst18).put("discount", "10%"));

        assertThat(invoice.getJsonArray("line_items").getJsonObject(0).getDouble("discount_amount"))
                .isEqualTo(11.80);
        assertThat(invoice.getDouble("tax_total")).isEqualTo(16.20);
        assertThat(invoice.getDouble("sub_total")).isEqualTo(90.0);
        assertThat(invoice.getDouble("total")).isEqualTo(106.20);
    }

    @Test
    void aHalfCentOfTaxRoundsUp() {
        // 0.59 × 9 / 118 = 0.045 exactly → 0.05 for each of CGST and SGST; sub-total 0.59 − 0.10 = 0.49
        JsonObject invoice = create("/invoices", "invoice", true, line(0.59, 1, gst18));

        assertThat(invoice.getDouble("tax_total")).isEqualTo(0.10);
        assertThat(invoice.getDouble("sub_total")).isEqualTo(0.49);
    }

    @Test
    void estimatesHonourInclusiveRatesAndAnUntaxedLineIsAllSubTotal() {
        // 57.50 × 15 / 115 = 7.50; the untaxed 20 stays whole: sub-total 50.00 + 20.00 = 70.00, total 77.50
        JsonObject estimate = create("/estimates", "estimate", true, line(57.50, 1, vat15), line(20, 1, null));

        assertThat(estimate.getDouble("tax_total")).isEqualTo(7.50);
        assertThat(estimate.getDouble("sub_total")).isEqualTo(70.0);
        assertThat(estimate.getDouble("total")).isEqualTo(77.50);
    }

    @Test
    void changingTheBasisReprisesTheKeptLines() {
        // exclusive: 100 + 15 % = 115.00; made inclusive by PUT: 100 × 15 / 115 = 13.04, sub-total 86.96
        JsonObject invoice = create("/invoices", "invoice", false, line(100, 1, vat15));
        assertThat(invoice.getDouble("total")).isEqualTo(115.0);

        JsonObject inclusive = ok(
                        HttpMethod.PUT,
                        "/invoices/" + invoice.getString("invoice_id"),
                        new JsonObject().put("is_inclusive_tax", true))
                .getJsonObject("invoice");
        assertThat(inclusive.getDouble("tax_total")).isEqualTo(13.04);
        assertThat(inclusive.getDouble("sub_total")).isEqualTo(86.96);
        assertThat(inclusive.getDouble("total")).isEqualTo(100.0);
    }

    @Test
    void aBasisThatIsNotABooleanIsRefusedAndNothingIsSaved() {
        HttpResponse<Buffer> response = send(
                client.books(HttpMethod.POST, "/invoices", token),
                body(false, line(100, 1, vat15)).put("is_inclusive_tax", "yes"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.bodyAsJsonObject().getString("message")).contains("is_inclusive_tax");
        assertThat(ok(HttpMethod.GET, "/invoices", null).getJsonArray("invoices"))
                .isEmpty();
    }

    private JsonObject create(String path, String key, boolean inclusive, JsonObject... lines) {
        return ok(HttpMethod.POST, path, body(inclusive, lines)).getJsonObject(key);
    }

    private JsonObject body(boolean inclusive, JsonObject... lines) {
        return new JsonObject()
                .put("customer_id", customerId)
                .put("is_inclusive_tax", inclusive)
                .put("line_items", new JsonArray(List.of((Object[]) lines)));
    }

    private static JsonObject line(double rate, double quantity, String taxId) {
        JsonObject line =
                new JsonObject().put("name", "Course").put("rate", rate).put("quantity", quantity);
        return taxId == null ? line : line.put("tax_id", taxId);
    }

    private String tax(String name, double percentage, String specificType) {
        JsonObject body = new JsonObject().put("tax_name", name).put("tax_percentage", percentage);
        if (specificType != null) body.put("tax_specific_type", specificType);
        return ok(HttpMethod.POST, "/settings/taxes", body)
                .getJsonArray("tax")
                .getJsonObject(0)
                .getString("tax_id");
    }

    private JsonObject ok(HttpMethod method, String pathAndQuery, JsonObject body) {
        HttpResponse<Buffer> response = body == null
                ? send(client.books(method, pathAndQuery, token))
                : send(client.books(method, pathAndQuery, token), body);
        assertThat(response.statusCode()).as(response.bodyAsString()).isIn(List.of(200, 201));
        return response.bodyAsJsonObject();
    }
}
