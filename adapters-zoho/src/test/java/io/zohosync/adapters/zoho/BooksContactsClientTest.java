package io.zohosync.adapters.zoho;

import static io.zohosync.adapters.zoho.Customers.customer;
import static io.zohosync.adapters.zoho.Outcomes.success;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.zohosync.adapters.zoho.call.ZohoRequest;
import io.zohosync.domain.customer.Address;
import io.zohosync.domain.customer.Customer;
import io.zohosync.domain.customer.CustomerKind;
import io.zohosync.ports.out.zoho.ContactsPage;
import io.zohosync.ports.out.zoho.ZohoConnectionState;
import io.zohosync.ports.out.zoho.ZohoContact;
import io.zohosync.ports.out.zoho.ZohoContacts;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoProduct;
import io.zohosync.sandbox.core.SandboxRecord;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Books contacts against the sandbox: created under the caller's name with the marker, found, updated. */
@ExtendWith(VertxExtension.class)
class BooksContactsClientTest {

    SandboxFixture fx;
    private ZohoContacts contacts;

    @BeforeEach
    void start(Vertx vertx) {
        fx = SandboxFixture.start(vertx);
        contacts = fx.zoho.contacts();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void createsAContactCarryingTheMarkerAndThePrimaryEmail() {
        String id = UUID.randomUUID().toString();
        ZohoOutcome<ZohoContact> created =
                Customers.createContact(contacts, customer(id)).await();

        assertThat(created).isInstanceOf(ZohoOutcome.Success.class);
        ZohoContact contact = ((ZohoOutcome.Success<ZohoContact>) created).value();
        assertThat(contact.contactId()).isNotBlank();
        assertThat(contact.email()).isEqualTo("ada." + id + "@example.com");
        assertThat(contact.notes()).isEqualTo(ZohoContacts.marker("cust-" + id));
        List<SandboxRecord> held = fx.sandbox.inspect().recordsFor(ZohoContacts.marker("cust-" + id));
        assertThat(held).hasSize(1);
        assertThat(fx.sandbox.inspect().calls("POST /oauth/v2/token")).isEqualTo(1);
        assertThat(fx.zoho.connection().state().status()).isEqualTo(ZohoConnectionState.Status.CONNECTED);
    }

    @Test
    void findsTheContactByIdEmailNameAndMarker() {
        String id = UUID.randomUUID().toString();
        Customer c = customer(id);
        ZohoContact created = success(Customers.createContact(contacts, c).await());

        assertThat(success(contacts.get(created.contactId())).contactId()).isEqualTo(created.contactId());
        assertThat(success(contacts.findByEmail(" " + c.email().toUpperCase() + " ")))
                .extracting(ZohoContact::contactId)
                .containsExactly(created.contactId());
        assertThat(success(contacts.findByName(c.displayName())))
                .extracting(ZohoContact::contactId)
                .containsExactly(created.contactId());
        assertThat(success(contacts.findByMarker(c.platformId())))
                .extracting(ZohoContact::contactId)
                .containsExactly(created.contactId());
        assertThat(success(contacts.findByMarker("no-such-" + id))).isEmpty();
    }

    @Test
    void aContactIsReadWithTheCurrencyItIsBilledInTheOrganizationsBaseCurrencyWhenCreated() {
        ZohoContact dollars = success(
                Customers.createContact(contacts, customer(UUID.randomUUID().toString()))
                        .await());
        fx.sandbox.control().baseCurrency("ZAR");
        ZohoContact rand = success(
                Customers.createContact(contacts, customer(UUID.randomUUID().toString()))
                        .await());

        assertThat(success(contacts.get(dollars.contactId())).currencyCode()).isEqualTo("USD");
        assertThat(success(contacts.get(rand.contactId())).currencyCode()).isEqualTo("ZAR");
    }

    @Test
    void aContactIsCreatedUnderExactlyTheGivenName() {
        String id = UUID.randomUUID().toString();
        Customer c = customer(id);

        ZohoContact created = success(contacts.create(c, "Ada Lovelace " + id + " (" + c.email() + ")")
                .await());

        assertThat(created.contactName()).isEqualTo("Ada Lovelace " + id + " (" + c.email() + ")");
        assertThat(created.notes()).isEqualTo(ZohoContacts.marker(c.platformId()));
    }

    @Test
    void aNameBooksAlreadyHoldsIsADuplicateNamingNoContactAndNothingElseIsAsked() {
        String id = UUID.randomUUID().toString();
        success(Customers.createContact(contacts, customer(id)).await());
        Customer namesake = new Customer(
                "cust-other-" + id,
                "Ada",
                "Lovelace " + id,
                "other." + id + "@example.com",
                null,
                null,
                Address.NONE,
                CustomerKind.NEW);
        int searches = fx.sandbox.inspect().calls("GET /books/v3/contacts");

        ZohoOutcome<ZohoContact> again =
                Customers.createContact(contacts, namesake).await();

        assertThat(again)
                .isInstanceOfSatisfying(
                        ZohoOutcome.Duplicate.class,
                        d -> assertThat(d.existing()).isEmpty());
        assertThat(fx.sandbox.inspect().calls("GET /books/v3/contacts")).isEqualTo(searches);
        assertThat(fx.sandbox.inspect().calls("POST /books/v3/contacts")).isEqualTo(2);
        assertThat(fx.sandbox.inspect().recordsFor(ZohoContacts.marker(namesake.platformId())))
                .isEmpty();
    }

    @Test
    void anUpdateEditsThePrimaryPersonInsteadOfAddingOne() {
        String id = UUID.randomUUID().toString();
        Customer c = customer(id);
        ZohoContact created = success(Customers.createContact(contacts, c).await());
        Customer moved = moved(c, id, CustomerKind.RETURNING);

        ZohoContact updated =
                success(contacts.update(created.contactId(), moved).await());

        assertThat(updated.contactName())
                .as("the contact's name and notes are Zoho's to keep")
                .isEqualTo(created.contactName());
        assertThat(updated.notes()).isEqualTo(ZohoContacts.marker(c.platformId()));
        assertThat(updated.email()).isEqualTo("countess." + id + "@example.com");
        assertThat(fx.sandbox
                        .inspect()
                        .recordsFor(created.contactId())
                        .get(0)
                        .body()
                        .getJsonArray("contact_persons")
                        .getJsonObject(0)
                        .getString("last_name"))
                .isEqualTo("King " + id);
        assertThat(success(contacts.findByEmail(c.email()))).isEmpty();
        assertThat(fx.sandbox
                        .inspect()
                        .recordsFor(created.contactId())
                        .get(0)
                        .body()
                        .getJsonArray("contact_persons"))
                .hasSize(1);
    }

    @Test
    void anUpdateWithTheKnownNameAndPersonIsOnePutThatKeepsWhatTheServiceDoesNotOwn() {
        String id = UUID.randomUUID().toString();
        Customer c = customer(id);
        ZohoContact created = success(Customers.createContact(contacts, c).await());
        // a Zoho user's edits: a website and notes the service does not own
        success(fx.zoho
                .api()
                .call(
                        ZohoRequest.put(
                                ZohoProduct.BOOKS,
                                "/contacts/" + created.contactId(),
                                new JsonObject()
                                        .put("contact_name", created.contactName())
                                        .put("website", "ada.example.org")
                                        .put("notes", "VIP\n" + ZohoContacts.marker(c.platformId()))),
                        r -> r)
                .await());
        Customer moved = moved(c, id, CustomerKind.NEW);
        int reads = fx.sandbox.inspect().calls("GET /books/v3/contacts/{contact_id}");
        int puts = fx.sandbox.inspect().calls("PUT /books/v3/contacts/{contact_id}");

        ZohoContact updated =
                success(contacts.update(created.contactId(), created.contactName(), created.primaryPersonId(), moved)
                        .await());

        assertThat(fx.sandbox.inspect().calls("GET /books/v3/contacts/{contact_id}"))
                .isEqualTo(reads);
        assertThat(fx.sandbox.inspect().calls("PUT /books/v3/contacts/{contact_id}"))
                .isEqualTo(puts + 1);
        assertThat(updated.email()).isEqualTo("countess." + id + "@example.com");
        assertThat(updated.primaryPersonId()).isEqualTo(created.primaryPersonId());
        JsonObject held =
                fx.sandbox.inspect().recordsFor(created.contactId()).get(0).body();
        assertThat(held.getString("website")).isEqualTo("ada.example.org");
        assertThat(held.getString("notes")).isEqualTo("VIP\n" + ZohoContacts.marker(c.platformId()));
        assertThat(held.getString("contact_name")).isEqualTo(created.contactName());
        assertThat(held.getJsonArray("contact_persons")).hasSize(1);
    }

    @Test
    void contactsArePagedNewestModifiedFirstWithTheirModificationTimes() {
        String id = UUID.randomUUID().toString();
        ZohoContact first =
                success(Customers.createContact(contacts, customer(id + "a")).await());
        fx.sandbox.control().advanceClock(java.time.Duration.ofSeconds(5));
        ZohoContact second =
                success(Customers.createContact(contacts, customer(id + "b")).await());

        ContactsPage page = success(contacts.page(1, true).await());

        assertThat(page.newestFirst()).isTrue();
        assertThat(page.more()).isFalse();
        assertThat(page.contacts())
                .extracting(ZohoContact::contactId)
                .containsSubsequence(second.contactId(), first.contactId());
        assertThat(page.contacts().get(0).modifiedAt())
                .isAfter(page.contacts().get(1).modifiedAt());
        assertThat(first.primaryPersonId()).isNotBlank();
    }

    @Test
    void theMarkerSearchCountsOnlyContactsCarryingExactlyThatMarker() {
        String id = UUID.randomUUID().toString().substring(0, 8);
        Customer one = new Customer(
                "c" + id + "-1",
                "Marker",
                "One " + id,
                "one." + id + "@example.com",
                null,
                null,
                Address.NONE,
                CustomerKind.NEW);
        Customer ten = new Customer(
                "c" + id + "-10",
                "Marker",
                "Ten " + id,
                "ten." + id + "@example.com",
                null,
                null,
                Address.NONE,
                CustomerKind.NEW);
        ZohoContact first = success(Customers.createContact(contacts, one).await());
        success(Customers.createContact(contacts, ten).await());
        for (int i = 11; i < 19; i++) {
            success(Customers.createContact(
                            contacts,
                            new Customer(
                                    "c" + id + "-" + i,
                                    "Marker",
                                    i + " " + id,
                                    i + "." + id + "@example.com",
                                    null,
                                    null,
                                    Address.NONE,
                                    CustomerKind.NEW))
                    .await());
        }

        // nine hits for "c…-1", more than Books' concurrency allowance: the hits are read one after another
        assertThat(success(contacts.findByMarker(one.platformId()).await()))
                .extracting(ZohoContact::contactId)
                .containsExactly(first.contactId());
    }

    @Test
    void aMarkerInsideALongerIdsMarkerIsNotOurs() {
        String id = UUID.randomUUID().toString().substring(0, 8);
        for (String suffix : new String[] {" eu", "/eu", "+1"}) {
            success(Customers.createContact(
                            contacts,
                            new Customer(
                                    "acme" + id + suffix,
                                    null,
                                    null,
                                    "eu" + suffix.length() + "." + id + "@example.com",
                                    null,
                                    "Acme " + id + suffix,
                                    Address.NONE,
                                    CustomerKind.NEW))
                    .await());
        }

        assertThat(success(contacts.findByMarker("acme" + id).await())).isEmpty();
    }

    @Test
    void aReadOfTheMarkerSearchThatMeetsAnOutageIsAskedOnceMoreAndTheSearchGoesOn() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        ZohoContact ours =
                success(Customers.createContact(contacts, customer("acme" + id)).await());
        for (String suffix : new String[] {"-eu", "+1"}) {
            success(Customers.createContact(contacts, customer("acme" + id + suffix))
                    .await());
        }
        fx.sandbox.control().latency(java.time.Duration.ofMillis(300));
        int searches = fx.sandbox.inspect().calls("GET /books/v3/contacts");

        var found = contacts.findByMarker("cust-acme" + id);
        // the search has arrived and is answered 300 ms later: the next call is the first hit's read
        while (fx.sandbox.inspect().calls("GET /books/v3/contacts") == searches) {
            Thread.sleep(5);
        }
        fx.sandbox.control().failNext(io.zohosync.sandbox.core.Fault.SERVER_ERROR, 1);

        assertThat(success(found.await())).extracting(ZohoContact::contactId).containsExactly(ours.contactId());
        assertThat(fx.sandbox.inspect().calls("GET /books/v3/contacts/{contact_id}"))
                .as("three hits read, the one that met a 500 twice")
                .isEqualTo(4);
    }

    @Test
    void anUnknownContactIsNotFound() {
        assertThat(contacts.get("460000000999999").await()).isInstanceOf(ZohoOutcome.NotFound.class);
    }

    /** {@code c} renamed Ada King and moved to a new email address, as {@code kind}. */
    private static Customer moved(Customer c, String id, CustomerKind kind) {
        return new Customer(
                c.platformId(),
                "Ada",
                "King " + id,
                "countess." + id + "@example.com",
                c.phone(),
                null,
                c.billingAddress(),
                kind);
    }
}
