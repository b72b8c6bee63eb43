package io.zohosync.adapters.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Contract check: runs the client scenarios of the Books, Billing and CRM tests again (the test's own catalog set-up aside) and validates every request the
 * adapter sent against Zoho's OpenAPI documents in {@code $ZOHO_OPENAPI_DIR} (skipped, with a message, when it is unset).
 */
@ExtendWith(VertxExtension.class)
class ZohoContractTest {

    @Test
    void everyBooksBillingAndCrmRequestIsOneZohoDocuments(Vertx vertx) {
        ZohoDocuments documents = ZohoDocuments.orSkip();
        List<RecordingProxy.Sent> sent = new ArrayList<>();

        books(vertx, sent, BooksContactsClientTest::createsAContactCarryingTheMarkerAndThePrimaryEmail);
        books(vertx, sent, BooksContactsClientTest::findsTheContactByIdEmailNameAndMarker);
        books(vertx, sent, BooksContactsClientTest::anUpdateEditsThePrimaryPersonInsteadOfAddingOne);
        books(vertx, sent, BooksContactsClientTest::aContactIsCreatedUnderExactlyTheGivenName);
        documents(vertx, sent, BooksDocumentsTest::itemsAreCreatedFoundBySkuAndASecondSkuIsADuplicate);
        documents(vertx, sent, BooksDocumentsTest::anItemIsUpdatedInPlace);
        documents(vertx, sent, BooksDocumentsTest::taxesAreListedWithTheirRates);
        documents(vertx, sent, BooksDocumentsTest::aTaxIsCreatedWithItsIndianTypeAndListedAfterwards);
        documents(vertx, sent, BooksDocumentsTest::anInvoiceKeepsThePlatformsNumberAndReferenceAndCanBeMarkedSent);
        documents(vertx, sent, BooksDocumentsTest::anInvoiceUpdateReplacesItsLinesAndKeepsItsNumberAndId);
        documents(
                vertx,
                sent,
                BooksDocumentsTest::aPaymentIsAppliedToItsInvoiceFoundByReferenceAndAnOverpaymentIsRefused);
        documents(
                vertx,
                sent,
                BooksDocumentsTest::aPaymentWithoutAnInvoiceIsUnappliedAndAnUpdateChangesItsAmountModeAndDate);
        documents(vertx, sent, BooksDocumentsTest::anEstimateCarriesTheQuotesIdAsReference);
        refunds(
                vertx,
                sent,
                BooksRefundsClientTest::aFullRefundRaisesACreditNoteCopyingEveryInvoiceLineAndRefundsItUntilClosed);
        refunds(vertx, sent, BooksRefundsClientTest::aPartialRefundIsALineForTheAmountIncludingTheInvoicesTax);
        refunds(vertx, sent, BooksRefundsClientTest::aPaymentsExcessIsRefundedDirectlyAndListedByItsReference);
        refunds(
                vertx,
                sent,
                BooksRefundsClientTest::creditNotesAreFoundByTheirExactNumberAndATakenNumberNamesTheExistingNote);
        refunds(vertx, sent, BooksRefundsClientTest::aRefundBeyondWhatIsLeftIsZohosValidationError);
        billing(vertx, sent, BillingClientsTest::aCustomerIsCreatedWithTheMarkerAndFoundByEmail);
        billing(vertx, sent, BillingClientsTest::aSubscriptionCarriesThePlatformIdAsReferenceAndIsFoundByIt);
        billing(vertx, sent, BillingClientsTest::aPlanChangeAppliesNowOrAtTermEndAndACancelNowOrAtTermEnd);
        billing(vertx, sent, BillingClientsTest::aHostedPageInvoicesAndAPayment);
        products(vertx, sent, SandboxProductsTest::billingCustomerSubscriptionPlanChangeCancelInvoiceAndPayment);
        crm(vertx, sent, CrmRecordsClientTest::contactsAreUpsertedOnEmailWithoutAutomations);
        crm(vertx, sent, CrmRecordsClientTest::twoHundredAndFiftyLeadsGoInThreeCallsOfAtMostAHundredWithOneResultEach);
        crm(vertx, sent, CrmRecordsClientTest::aMixedAnswerReportsEachRecordAndAllFailedIsStillPerRecord);
        products(vertx, sent, SandboxProductsTest::crmLeadsAreUpsertedOnEmail);
        products(vertx, sent, SandboxProductsTest::crmContactsNotesTasksAndSearchesByEmail);

        List<RecordingProxy.Sent> api =
                sent.stream().filter(s -> !s.path().startsWith("/oauth/")).toList();
        assertThat(api).hasSizeGreaterThan(40);
        assertThat(api)
                .extracting(RecordingProxy.Sent::path)
                .anyMatch(p -> p.matches("/books/v3/creditnotes/\\d+/refunds"))
                .anyMatch(p -> p.matches("/books/v3/customerpayments/\\d+/refunds"))
                .contains("/books/v3/creditnotes");
        assertThat(api)
                .filteredOn(s -> s.path().startsWith("/crm/v8/"))
                .extracting(RecordingProxy.Sent::path)
                .contains(
                        "/crm/v8/Contacts/upsert",
                        "/crm/v8/Leads/upsert",
                        "/crm/v8/Contacts/search",
                        "/crm/v8/Notes",
                        "/crm/v8/Tasks",
                        "/crm/v8/Notes/search",
                        "/crm/v8/Tasks/search",
                        "/crm/v8/Contacts")
                .hasSize(21);
        SoftAssertions softly = new SoftAssertions();
        for (RecordingProxy.Sent s : api) {
            softly.assertThat(documents.problems(s.method(), s.path(), s.query(), s.headers(), s.body()))
                    .as(s.method() + " " + s.path() + " " + s.query() + " " + s.body())
                    .isEmpty();
        }
        softly.assertAll();
    }

    /** Runs one scenario on a fresh instance of its test class and keeps what the adapter sent. */
    private static <T> void replay(
            List<RecordingProxy.Sent> sent,
            T test,
            Consumer<T> start,
            Consumer<T> stop,
            Consumer<T> scenario,
            Function<T, List<RecordingProxy.Sent>> recorded) {
        start.accept(test);
        try {
            scenario.accept(test);
            sent.addAll(recorded.apply(test));
        } finally {
            stop.accept(test);
        }
    }

    private static void books(Vertx vertx, List<RecordingProxy.Sent> sent, Consumer<BooksContactsClientTest> scenario) {
        replay(
                sent,
                new BooksContactsClientTest(),
                t -> t.start(vertx),
                BooksContactsClientTest::stop,
                scenario,
                t -> t.fx.proxy.sent);
    }

    private static void documents(Vertx vertx, List<RecordingProxy.Sent> sent, Consumer<BooksDocumentsTest> scenario) {
        replay(
                sent,
                new BooksDocumentsTest(),
                t -> t.start(vertx),
                BooksDocumentsTest::stop,
                scenario,
                t -> t.fx.proxy.sent);
    }

    private static void refunds(
            Vertx vertx, List<RecordingProxy.Sent> sent, Consumer<BooksRefundsClientTest> scenario) {
        replay(
                sent,
                new BooksRefundsClientTest(),
                t -> t.start(vertx),
                BooksRefundsClientTest::stop,
                scenario,
                t -> t.fx.proxy.sent);
    }

    /** Products, plans and addons are the test's catalog set-up, not the adapter's requests. */
    private static void products(Vertx vertx, List<RecordingProxy.Sent> sent, Consumer<SandboxProductsTest> scenario) {
        replay(
                sent,
                new SandboxProductsTest(),
                t -> t.start(vertx),
                SandboxProductsTest::stop,
                scenario,
                t -> t.fx.proxy.sent.stream()
                        .filter(s -> !s.path().matches("/billing/v1/(products|plans|addons).*"))
                        .toList());
    }

    private static void billing(Vertx vertx, List<RecordingProxy.Sent> sent, Consumer<BillingClientsTest> scenario) {
        replay(
                sent,
                new BillingClientsTest(),
                t -> t.start(vertx),
                BillingClientsTest::stop,
                scenario,
                t -> received(t.fake));
    }

    private static void crm(Vertx vertx, List<RecordingProxy.Sent> sent, Consumer<CrmRecordsClientTest> scenario) {
        replay(
                sent,
                new CrmRecordsClientTest(),
                t -> t.start(vertx),
                CrmRecordsClientTest::stop,
                scenario,
                t -> received(t.fake));
    }

    /** What a {@link FakeZoho} received, as the proxy would have recorded it. */
    private static List<RecordingProxy.Sent> received(FakeZoho fake) {
        return fake.received.stream()
                .map(r -> new RecordingProxy.Sent(
                        r.method(),
                        r.path(),
                        query(r.query()),
                        new TreeMap<>(r.headers().getMap().entrySet().stream()
                                .collect(java.util.stream.Collectors.toMap(
                                        Map.Entry::getKey, e -> String.valueOf(e.getValue())))),
                        r.body() == null ? null : r.body().encode()))
                .toList();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new TreeMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(
                        URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length < 2 ? "" : URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
        }
        return query;
    }
}
