package io.zohosync.sandbox.books;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.zohosync.sandbox.SandboxClient;
import io.zohosync.sandbox.SandboxInspection;
import io.zohosync.sandbox.SandboxOptions;
import io.zohosync.sandbox.core.SandboxRecord;
import io.zohosync.sandbox.crm.NodeProject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 15: a Books client written by others, {@code @trieb.work/zoho-ts} 0.8.2 (installed from the npm registry by
 * {@code npm ci}), unmodified and configured only through its public constructor, runs what a user would against the
 * sandbox in strict mode: a contact, an item, an invoice for them, marked sent, paid by a customer payment, read back
 * as paid, contacts listed, and Zoho's documented errors. Skipped where Node.js or the registry is not available.
 *
 * <p>Its package.json overrides one dependency: zoho-ts declares {@code http@^0.0.1-security}, a name-holder package
 * the registry no longer serves any version of; nothing requires it ({@code require("http")} is Node's own module), so
 * the override stands in the equally unused {@code https@1.0.0} it also declares. The client's code is untouched.
 */
@ExtendWith(VertxExtension.class)
class BooksNodeClientAcceptanceTest {
    private static final String MARKER = "ada-books-node";
    private static final String EMAIL = MARKER + "@example.com";
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(45);

    private SandboxClient client;

    @BeforeEach
    void start(Vertx vertx) {
        client = SandboxClient.start(vertx, SandboxOptions.defaults().withStrict(true));
    }

    @AfterEach
    void stop() {
        client.close();
    }

    @Test
    void aCommunityBooksClientBillsAndCollectsUnmodified() throws Exception {
        NodeProject project = NodeProject.install("books-client");

        NodeProject.Result run = project.script(
                SCRIPT_TIMEOUT,
                NodeProject.DEMO_CLIENT,
                client.sandbox.baseUrl(),
                SandboxOptions.DEMO_ORGANIZATION_ID,
                MARKER);

        String output = "stdout:\n" + run.stdout() + "\nstderr:\n" + run.stderr();
        assertThat(run.timedOut()).as(output).isFalse();
        assertThat(run.exitCode()).as(output).isZero();
        Map<String, JsonObject> ops = run.byOperation();
        assertThat(ops.keySet())
                .as(output)
                .containsExactlyInAnyOrder(
                        "refresh",
                        "create_contact",
                        "create_item",
                        "create_invoice",
                        "mark_sent",
                        "record_payment",
                        "get_invoice",
                        "get_contact",
                        "list_contacts",
                        "list_customers",
                        "get_unknown_contact",
                        "invoice_for_unknown_contact",
                        "item_without_name");
        assertThat(ops.get("refresh").getInteger("http")).isEqualTo(200);

        JsonObject contact = result(ops.get("create_contact"));
        String contactId = contact.getString("contact_id");
        assertThat(contact.getString("contact_type")).isEqualTo("customer");
        assertThat(contact.getJsonArray("contact_persons").getJsonObject(0).getString("email"))
                .isEqualTo(EMAIL);
        JsonObject item = result(ops.get("create_item"));
        assertThat(item.getDouble("rate")).isEqualTo(120.0);
        JsonObject invoice = result(ops.get("create_invoice"));
        String invoiceId = invoice.getString("invoice_id");
        assertThat(invoice.getString("customer_id")).isEqualTo(contactId);
        assertThat(invoice.getString("status")).isEqualTo("draft");
        assertThat(invoice.getDouble("total")).isEqualTo(240.0);
        assertThat(ops.get("mark_sent").getString("result"))
                .as("the invoice as read after the client's bulk mark-as-sent")
                .isEqualTo("sent");
        JsonObject payment = result(ops.get("record_payment"));
        assertThat(payment.getDouble("amount")).isEqualTo(240.0);
        assertThat(payment.getJsonArray("invoices").getJsonObject(0).getString("invoice_id"))
                .isEqualTo(invoiceId);
        JsonObject paid = result(ops.get("get_invoice"));
        assertThat(paid.getString("status")).isEqualTo("paid");
        assertThat(paid.getDouble("balance")).isZero();
        assertThat(paid.getDouble("payment_made")).isEqualTo(240.0);
        assertThat(result(ops.get("get_contact")).getString("contact_id")).isEqualTo(contactId);
        for (String list : List.of("list_contacts", "list_customers")) {
            assertThat(ops.get(list).getJsonArray("result"))
                    .as(list + ": the client's empty options (status=, last_modified_time=) filter nothing")
                    .singleElement()
                    .satisfies(row -> assertThat(((JsonObject) row).getString("contact_id"))
                            .isEqualTo(contactId));
        }

        assertThat(error(ops.get("get_unknown_contact")).getInteger("code")).isEqualTo(1002);
        assertThat(error(ops.get("get_unknown_contact")).getString("message")).isEqualTo("Contact does not exist.");
        assertThat(error(ops.get("invoice_for_unknown_contact")).getString("message"))
                .isEqualTo("Invalid value passed for customer_id");
        assertThat(error(ops.get("item_without_name")).getString("message")).isEqualTo("Invalid value passed for name");

        SandboxInspection inspect = client.sandbox.inspect();
        assertThat(inspect.recordsFor(EMAIL))
                .singleElement()
                .satisfies(stored -> assertThat(stored.id()).isEqualTo(contactId));
        Map<String, SandboxRecord> byEntity =
                inspect.recordsFor(MARKER).stream().collect(Collectors.toMap(SandboxRecord::entity, stored -> stored));
        assertThat(byEntity.keySet())
                .as("the refused writes left nothing")
                .containsExactlyInAnyOrder("items", "invoices", "customerpayments");
        assertThat(byEntity.get("invoices").body().getString("status")).isEqualTo("paid");
        assertThat(byEntity.get("customerpayments").body().getString("customer_id"))
                .isEqualTo(contactId);
        assertThat(inspect.tokenRefreshes()).isEqualTo(1);
        assertThat(inspect.calls("POST /books/v3/invoices/status/sent"))
                .as("zoho-ts marks invoices sent in bulk")
                .isEqualTo(1);
    }

    private static JsonObject result(JsonObject op) {
        assertThat(op.getValue("result")).as(op.encode()).isInstanceOf(JsonObject.class);
        return op.getJsonObject("result");
    }

    private static JsonObject error(JsonObject op) {
        assertThat(op.getJsonObject("error")).as(op.encode()).isNotNull();
        return op.getJsonObject("error");
    }
}
