package io.zohosync.adapters.zoho;

import static io.zohosync.adapters.zoho.Outcomes.success;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.sandbox.SandboxOptions;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class InventoryAdjustmentsClientTest {

    private FakeZoho fake;
    private ZohoAdapters zoho;

    @BeforeEach
    void start(Vertx vertx) {
        fake = FakeZoho.start(vertx);
        fake.router.post("/inventory/v1/inventoryadjustments").handler(rc -> {
            if (!SandboxOptions.DEMO_ORGANIZATION_ID.equals(rc.request().getParam("organization_id"))) {
                FakeZoho.json(
                        rc,
                        400,
                        new JsonObject().put("code", 2).put("message", "Invalid value passed for organization_id"));
                return;
            }
            JsonObject line =
                    rc.body().asJsonObject().getJsonArray("line_items").getJsonObject(0);
            if (!"item-7".equals(line.getString("item_id"))) {
                FakeZoho.json(rc, 404, new JsonObject().put("code", 1002).put("message", "Item does not exist."));
                return;
            }
            FakeZoho.json(
                    rc,
                    201,
                    new JsonObject()
                            .put("code", 0)
                            .put("message", "Inventory Adjustment has been added")
                            .put("inventory_adjustment", new JsonObject().put("inventory_adjustment_id", "adj-1")));
        });
        zoho = ZohoAdapters.create(
                vertx,
                SandboxFixture.settings(fake.baseUrl())
                        .requestTimeout(Duration.ofSeconds(2))
                        .build(),
                ZohoAdapters.inMemoryTokenStore());
    }

    @AfterEach
    void stop() {
        zoho.close();
        fake.close();
    }

    private static final LocalDate DAY = LocalDate.parse("2026-11-22");

    @Test
    void aLevelChangeIsPushedAsAQuantityAdjustmentOfItsDelta() {
        assertThat(success(zoho.stock()
                        .adjust("item-7", null, new BigDecimal("-3"), "zsync:abc:1", "Sold on the platform", DAY)))
                .isEqualTo("adj-1");

        JsonObject sent =
                fake.requests("/inventory/v1/inventoryadjustments").get(0).body();
        assertThat(sent.getString("adjustment_type")).isEqualTo("quantity");
        assertThat(sent.getString("date")).isEqualTo("2026-11-22");
        assertThat(sent.getString("reason")).isEqualTo("Sold on the platform");
        assertThat(sent.getString("reference_number")).isEqualTo("zsync:abc:1");
        assertThat(sent.getJsonArray("line_items")
                        .getJsonObject(0)
                        .getNumber("quantity_adjusted")
                        .intValue())
                .isEqualTo(-3);
    }

    @Test
    void anUnknownItemIsNotFound() {
        assertThat(zoho.stock()
                        .adjust("item-8", null, BigDecimal.ONE, "zsync:abc:2", "recount", DAY)
                        .await())
                .isInstanceOf(ZohoOutcome.NotFound.class);
    }
}
