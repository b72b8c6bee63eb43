package io.zohosync.bootstrap;

import static io.zohosync.bootstrap.CrmFlowEndToEndTest.UPSERT;
import static io.zohosync.bootstrap.CrmFlowEndToEndTest.contactOf;
import static io.zohosync.bootstrap.CrmFlowEndToEndTest.customer;
import static io.zohosync.bootstrap.CrmFlowEndToEndTest.postAll;
import static io.zohosync.bootstrap.CrmFlowEndToEndTest.settled;
import static io.zohosync.bootstrap.CrmFlowEndToEndTest.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.zohosync.sandbox.core.Fault;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * CRM batches under a long flush window (30 s), so that every call the tests see is a full batch of 100: registrations
 * arriving together share calls, each record keeps Zoho's own answer, a 429 defers the whole batch without an attempt.
 * Each test registers a multiple of 100 customers (a remainder would wait for the window).
 */
@ExtendWith(VertxExtension.class)
class CrmBatchEndToEndTest {

    private static RunningService service;

    @BeforeAll
    static void start(Vertx vertx) throws Exception {
        service = RunningService.start(
                vertx,
                "crm-batch",
                Map.of(
                        "ZSYNC_TARGETS", "customer=crm",
                        "ZSYNC_CRM_PLATFORM_ID_FIELD", "Platform_Id",
                        "ZSYNC_CRM_FLUSH_MS", "30000"));
    }

    @AfterAll
    static void stop() throws Exception {
        service.stop();
    }

    @Test
    void a_thousand_registrations_cost_at_most_ten_crm_calls_and_each_has_its_own_contact() throws Exception {
        String run = unique();
        List<String> ids = new ArrayList<>();
        List<JsonObject> bodies = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(run + "-" + i);
            bodies.add(customer(run + "-" + i, run + "-" + i + "@example.com"));
        }
        Map<String, Integer> before = service.zoho.inspect().calls();
        postAll(service, "customers", bodies);

        Map<String, JsonObject> records = settled(service, "customer", ids);
        Set<String> contacts = new HashSet<>();
        for (String id : ids) {
            JsonObject record = records.get(id);
            assertThat(record.getString("status")).as(id).isEqualTo("synced");
            assertThat(record.getString("zoho_id"))
                    .as("the sandbox's contact for the customer's email")
                    .isEqualTo(contactOf(service, id + "@example.com").id());
            contacts.add(record.getString("zoho_id"));
        }
        assertThat(contacts).as("every record its own CRM id").hasSize(1000);
        int upserts = service.callsSince(before, UPSERT);
        int crmCalls = service.zoho.inspect().calls().entrySet().stream()
                .filter(e -> e.getKey().contains("/crm/"))
                .mapToInt(e -> e.getValue() - before.getOrDefault(e.getKey(), 0))
                .sum();
        assertThat(upserts).isLessThanOrEqualTo(10);
        assertThat(crmCalls).as("no CRM call but the upserts").isEqualTo(upserts);
    }

    @Test
    void a_batch_where_3_of_100_are_refused_syncs_97_and_fails_3_with_zohos_code_and_message() throws Exception {
        String run = unique();
        List<String> ids = new ArrayList<>();
        Set<String> refused = new HashSet<>();
        List<JsonObject> bodies = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String id = run + "-" + i;
            ids.add(id);
            JsonObject body = customer(id, id + "@example.com");
            if (i % 33 == 5) {
                // Books keeps 50 characters of a phone; CRM's Phone field keeps 30: CRM refuses this record alone
                body.put("phone", "+27 21 555 0100 ext. 1234567890123");
                refused.add(id);
            }
            bodies.add(body);
        }
        assertThat(refused).hasSize(3);
        Map<String, Integer> before = service.zoho.inspect().calls();
        postAll(service, "customers", bodies);

        Map<String, JsonObject> records = settled(service, "customer", ids);
        int synced = 0;
        for (String id : ids) {
            JsonObject record = records.get(id);
            if (refused.contains(id)) {
                assertThat(record.getString("status")).isEqualTo("failed");
                assertThat(record.getString("last_error"))
                        .isEqualTo("Zoho refused the batch write: [INVALID_DATA] invalid data (Phone)");
                assertThat(record.getValue("zoho_id")).isNull();
                assertThat(service.zoho.inspect().recordsFor(id + "@example.com"))
                        .isEmpty();
            } else {
                assertThat(record.getString("status")).as(id).isEqualTo("synced");
                assertThat(record.getString("zoho_id"))
                        .isEqualTo(contactOf(service, id + "@example.com").id());
                synced++;
            }
        }
        assertThat(synced).isEqualTo(97);
        assertThat(service.callsSince(before, UPSERT)).as("one batch of 100").isEqualTo(1);
    }

    @Test
    void a_429_on_the_batch_defers_every_record_without_an_attempt_then_syncs_them() throws Exception {
        String run = unique();
        List<String> ids = new ArrayList<>();
        List<JsonObject> bodies = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ids.add(run + "-" + i);
            bodies.add(customer(run + "-" + i, run + "-" + i + "@example.com"));
        }
        Map<String, Integer> before = service.zoho.inspect().calls();
        service.zoho.control().failNext(Fault.TOO_MANY_REQUESTS, 1);
        postAll(service, "customers", bodies);

        Map<String, JsonObject> records = settled(service, "customer", ids);
        assertThat(records.values()).allSatisfy(r -> {
            assertThat(r.getString("status")).isEqualTo("synced");
            assertThat(r.getInteger("attempts"))
                    .as("the successful run's attempt only: the 429 used none")
                    .isEqualTo(1);
        });
        assertThat(service.callsSince(before, UPSERT))
                .as("the refused call and the one after the backoff")
                .isEqualTo(2);
        assertThat(records.keySet()).hasSize(100);
    }
}
