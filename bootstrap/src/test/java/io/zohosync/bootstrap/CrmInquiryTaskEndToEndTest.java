package io.zohosync.bootstrap;

import static io.zohosync.bootstrap.CrmFlowEndToEndTest.INSERT;
import static io.zohosync.bootstrap.CrmFlowEndToEndTest.UPSERT;
import static io.zohosync.bootstrap.CrmFlowEndToEndTest.contactOf;
import static io.zohosync.bootstrap.CrmFlowEndToEndTest.customer;
import static io.zohosync.bootstrap.CrmFlowEndToEndTest.inquiry;
import static io.zohosync.bootstrap.CrmFlowEndToEndTest.postAll;
import static io.zohosync.bootstrap.CrmFlowEndToEndTest.settled;
import static io.zohosync.bootstrap.CrmFlowEndToEndTest.unique;
import static io.zohosync.bootstrap.RunningService.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.zohosync.sandbox.core.SandboxRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code ZSYNC_CRM_INQUIRY_FROM_CONTACT=task}: an inquiry from a contact becomes a task on the contact (Who_Id). */
@ExtendWith(VertxExtension.class)
class CrmInquiryTaskEndToEndTest {

    private static RunningService service;

    @BeforeAll
    static void start(Vertx vertx) throws Exception {
        service = RunningService.start(
                vertx,
                "crm-task",
                Map.of(
                        "ZSYNC_TARGETS", "customer=books+crm",
                        "ZSYNC_CRM_INQUIRY_FROM_CONTACT", "task",
                        "ZSYNC_CRM_FLUSH_MS", "200"));
    }

    @AfterAll
    static void stop() throws Exception {
        service.stop();
    }

    /** No platform id field here (the default): only the link to the contact can tell it is the same one. */
    @Test
    void an_email_change_updates_the_same_contact_and_makes_no_second_one() throws Exception {
        String id = unique();
        String before = id + "@example.com";
        String after = "new." + id + "@example.com";
        postAll(service, "customers", List.of(customer(id, before)));
        String contact = settled(service, "customer", List.of(id)).get(id).getString("zoho_id");

        assertThat(await(service.put("customers", id, customer(id, after))).statusCode())
                .isEqualTo(202);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (service.zoho.inspect().recordsFor(after).isEmpty()
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        JsonObject record = settled(service, "customer", List.of(id)).get(id);

        assertThat(record.getString("status")).isEqualTo("synced");
        assertThat(record.getString("zoho_id")).isEqualTo(contact);
        SandboxRecord changed = contactOf(service, after);
        assertThat(changed.id()).isEqualTo(contact);
        assertThat(service.zoho.inspect().recordsFor(before).stream()
                        .filter(r -> r.entity().equals("Contacts")))
                .as("no second contact: the old email is gone from the one contact")
                .isEmpty();
    }

    @Test
    void an_inquiry_from_a_contact_is_a_task_on_it_and_no_lead() throws Exception {
        String id = unique();
        String email = id + "@example.com";
        postAll(service, "customers", List.of(customer(id, email)));
        String contact = settled(service, "customer", List.of(id)).get(id).getString("zoho_id");

        Map<String, Integer> before = service.zoho.inspect().calls();
        String inquiry = "inq-" + id;
        postAll(service, "inquiries", List.of(inquiry(inquiry, email)));
        JsonObject record = settled(service, "lead", List.of(inquiry)).get(inquiry);

        assertThat(record.getString("status")).isEqualTo("synced");
        SandboxRecord task = service.zoho.inspect().recordsFor(record.getString("zoho_id")).stream()
                .filter(r -> r.entity().equals("Tasks"))
                .findFirst()
                .orElseThrow();
        assertThat(task.body().getJsonObject("Who_Id").getString("id")).isEqualTo(contact);
        assertThat(task.body().getString("Subject")).isEqualTo("Inquiry via contact form (" + inquiry + ")");
        assertThat(task.body().getString("Description")).startsWith("Do you teach frequency hopping?");
        assertThat(service.zoho.inspect().recordsFor(email))
                .extracting(SandboxRecord::entity)
                .doesNotContain("Leads");
        assertThat(service.callsSince(before, UPSERT)).isZero();
        assertThat(service.callsSince(before, INSERT)).isEqualTo(1);
    }
}
