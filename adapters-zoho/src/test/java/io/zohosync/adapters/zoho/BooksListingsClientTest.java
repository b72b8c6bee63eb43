package io.zohosync.adapters.zoho;

import static io.zohosync.adapters.zoho.Customers.customer;
import static io.zohosync.adapters.zoho.Outcomes.success;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.zohosync.ports.out.zoho.ZohoApiLimits;
import io.zohosync.ports.out.zoho.ZohoContact;
import io.zohosync.ports.out.zoho.ZohoContacts;
import io.zohosync.ports.out.zoho.ZohoListings;
import io.zohosync.ports.out.zoho.ZohoProduct;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Books' list endpoints against the sandbox: 200 rows a page, every row once, one call a page. */
@ExtendWith(VertxExtension.class)
class BooksListingsClientTest {

    SandboxFixture fx;
    private ZohoListings listings;

    @BeforeEach
    void start(Vertx vertx) {
        // 230 contacts to create first: limits that let the test make them at once
        fx = SandboxFixture.start(
                vertx,
                o -> o.withBooksPerMinute(1000).withDailyLimit(10_000),
                s -> s.limits(ZohoProduct.BOOKS, new ZohoApiLimits(1000, 10_000, 5)),
                ZohoAdapters.inMemoryBudget());
        listings = fx.zoho.listings();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void readsEveryContactAPageOf200AtATime() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 230; i++) {
            created.add(success(Customers.createContact(
                                    fx.zoho.contacts(),
                                    customer(UUID.randomUUID().toString()))
                            .await())
                    .contactId());
        }
        int before = fx.sandbox.inspect().calls("GET /books/v3/contacts");
        ZohoListings.Page<ZohoContact> first = success(listings.contacts(1).await());
        ZohoListings.Page<ZohoContact> second = success(listings.contacts(2).await());

        assertThat(first.rows()).hasSize(200);
        assertThat(first.more()).isTrue();
        assertThat(second.more()).isFalse();
        List<String> seen = new ArrayList<>();
        first.rows().forEach(c -> seen.add(c.contactId()));
        second.rows().forEach(c -> seen.add(c.contactId()));
        assertThat(seen).containsExactlyInAnyOrderElementsOf(created);
        assertThat(first.rows().get(0).email()).endsWith("@example.com"); // the primary person's, from the row
        assertThat(fx.sandbox.inspect().calls("GET /books/v3/contacts") - before)
                .isEqualTo(2);
    }

    @Test
    void findsTheContactsMentioningTheMarker() {
        String id = UUID.randomUUID().toString();
        ZohoContact ours = success(
                Customers.createContact(fx.zoho.contacts(), customer(id)).await());
        ZohoListings.Page<ZohoContact> hits =
                success(listings.contactsMentioning(ZohoContacts.marker(""), 1).await());
        assertThat(hits.rows()).extracting(ZohoContact::contactId).contains(ours.contactId());
    }
}
