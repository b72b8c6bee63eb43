package io.zohosync.bootstrap.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.zohosync.sandbox.SandboxInspection;
import io.zohosync.sandbox.core.SandboxRecord;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What the sandbox holds, counted per platform object: a customer's contact by its marker line, an item by its sku. */
final class ZohoObjects {

    private final SandboxInspection zoho;

    ZohoObjects(SandboxInspection zoho) {
        this.zoho = zoho;
    }

    /** Every Books contact the sandbox holds that carries a zoho-sync marker. */
    List<SandboxRecord> contacts() {
        return zoho.recordsFor("zoho-sync:").stream()
                .filter(r -> r.product().equals("books") && r.entity().equals("contacts"))
                .toList();
    }

    /** The contacts whose notes carry exactly {@code zoho-sync:<id>} on a line of its own. */
    List<SandboxRecord> contactsOf(String customerId) {
        String marker = "zoho-sync:" + customerId;
        return contacts().stream()
                .filter(c -> Arrays.asList(c.body().getString("notes", "").split("\\R"))
                        .contains(marker))
                .toList();
    }

    /** The Books items whose sku is exactly {@code sku}. */
    List<SandboxRecord> itemsOf(String sku) {
        return zoho.recordsFor(sku).stream()
                .filter(r -> r.product().equals("books") && r.entity().equals("items"))
                .filter(r -> sku.equals(r.body().getString("sku")))
                .toList();
    }

    /** Books calls the sandbox received so far (refused and faulted ones included), all endpoints together. */
    int booksCalls() {
        return zoho.calls().entrySet().stream()
                .filter(e -> e.getKey().contains(" /books/"))
                .mapToInt(Map.Entry::getValue)
                .sum();
    }

    /** HTTP 429s the sandbox answered, for every limit. */
    int tooManyRequests() {
        return zoho.tooManyRequests();
    }

    /**
     * Asserts exactly one Zoho object per platform object: one contact per customer id (by its marker line) and no
     * other marked contact, one item per sku, and the service's records pointing at exactly those objects.
     */
    void assertOneEach(Collection<String> customerIds, Collection<String> skus, Ledger ledger) {
        Map<String, Ledger.Row> customers = ledger.records("customer");
        for (String id : customerIds) {
            List<SandboxRecord> contacts = contactsOf(id);
            assertThat(contacts).as("contacts of customer '%s'", id).hasSize(1);
            assertThat(customers.get(id).zohoId())
                    .as("Zoho id of customer '%s'", id)
                    .isEqualTo(contacts.get(0).id());
        }
        assertThat(contacts()).as("marked contacts in the sandbox").hasSize(customerIds.size());
        Map<String, Ledger.Row> items = ledger.records("item");
        for (String sku : skus) {
            List<SandboxRecord> found = itemsOf(sku);
            assertThat(found).as("items with sku '%s'", sku).hasSize(1);
            assertThat(items.get(sku).zohoId())
                    .as("Zoho id of item '%s'", sku)
                    .isEqualTo(found.get(0).id());
        }
        assertThat(customers.values().stream().map(Ledger.Row::zohoId).collect(Collectors.toSet()))
                .as("distinct Zoho ids of the customers")
                .hasSize(customers.size());
    }
}
