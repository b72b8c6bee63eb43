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
        documents(vertx, sent, BooksDocumentsTest::itemsAreCreatedFoundBySkuAndASecondSkuIsADuplicateNamingTheFirst);
        documents(vertx, sent, BooksDocumentsTest::taxesAreListedWithTheirRates);
        documents(vertx, sent, BooksDocumentsTest::anInvoiceKeepsThePlatformsNumberAndReferenceAndCanBeMarkedSent);
        documents(vertx, sent, BooksDocumentsTest::aPaymentIsAppliedToItsInvoiceFoundByReferenceAndAnOverpaymentIsRefused);
        documents(vertx, sent, BooksDocumentsTest::anEstimateCarriesTheQuotesIdAsReference);
        billing(vertx, sent, BillingClientsTest::aCustomerIsCreatedWithTheMarkerAndFoundByEmail);
        billing(vertx, sent, BillingClientsTest::aSubscriptionCarriesThePlatformIdAsReferenceAndIsFoundByIt);
        billing(vertx, sent, BillingClientsTest::aPlanChangeAppliesNowOrAtTermEndAndACancelNowOrAtTermEnd);
        billing(vertx, sent, BillingClientsTest::aHostedPageInvoicesAndAPayment);
        products(vertx, sent, SandboxProductsTest::billingCustomerSubscriptionPlanChangeCancelInvoiceAndPayment);
        crm(vertx, sent, CrmRecordsClientTest::contactsAreUpsertedOnEmailWithoutAutomations);
        crm(vertx, sent, CrmRecordsClientTest::twoHundredAndFiftyLeadsGoInThreeCallsOfAtMostAHundredWithOneResultEach);
        crm(vertx, sent, CrmRecordsClientTest::aMixedAnswerReportsEachRecordAndAllFailedIsStillPerRecord);
        products(vertx, sent, SandboxProductsTest::crmLeadsAreUpsertedOnEmail);

        List<RecordingProxy.Sent> api = sent.stream().filter(s -> !s.path().startsWith("/oauth/")).toList();
        assertThat(api).hasSizeGreaterThan(40);
        assertThat(api).filteredOn(s -> s.path().startsWith("/crm/v8/")).extracting(RecordingProxy.Sent::path)
                .contains("/crm/v8/Contacts/upsert", "/crm/v8/Leads/upsert").hasSize(9);
        SoftAssertions softly = new SoftAssertions();
        for (RecordingProxy.Sent s : api) {
            softly.assertThat(documents.problems(s.method(), s.path(), s.query(), s.headers(), s.body()))
                    .as(s.method() + " " + s.path() + " " + s.query() + " " + s.body()).isEmpty();
        }
        softly.assertAll();
    }

    private static void books(Vertx vertx, List<RecordingProxy.Sent> sent, Consumer<BooksContactsClientTest> scenario) {
        BooksContactsClientTest test = new BooksContactsClientTest();
        test.start(vertx);
        try {
            scenario.accept(test);
            sent.addAll(test.fx.proxy.sent);
        } finally {
            test.stop();
        }
    }

    private static void documents(Vertx vertx, List<RecordingProxy.Sent> sent, Consumer<BooksDocumentsTest> scenario) {
        BooksDocumentsTest test = new BooksDocumentsTest();
        test.start(vertx);
        try {
            scenario.accept(test);
            sent.addAll(test.fx.proxy.sent);
        } finally {
            test.stop();
        }
    }

    private static void products(Vertx vertx, List<RecordingProxy.Sent> sent, Consumer<SandboxProductsTest> scenario) {
        SandboxProductsTest test = new SandboxProductsTest();
        test.start(vertx);
        try {
            scenario.accept(test);
            sent.addAll(test.fx.proxy.sent.stream().filter(s -> !s.path().matches("/billing/v1/(plans|addons).*")).toList());
        } finally {
            test.stop();
        }
    }

    private static void billing(Vertx vertx, List<RecordingProxy.Sent> sent, Consumer<BillingClientsTest> scenario) {
        BillingClientsTest test = new BillingClientsTest();
        test.start(vertx);
        try {
            scenario.accept(test);
            received(test.fake, sent);
        } finally {
            test.stop();
        }
    }

    private static void crm(Vertx vertx, List<RecordingProxy.Sent> sent, Consumer<CrmRecordsClientTest> scenario) {
        CrmRecordsClientTest test = new CrmRecordsClientTest();
        test.start(vertx);
        try {
            scenario.accept(test);
            received(test.fake, sent);
        } finally {
            test.stop();
        }
    }

    /** What a {@link FakeZoho} received, as the proxy would have recorded it. */
    private static void received(FakeZoho fake, List<RecordingProxy.Sent> sent) {
        fake.received.forEach(r -> sent.add(new RecordingProxy.Sent(r.method(), r.path(), query(r.query()),
                new TreeMap<>(r.headers().getMap().entrySet().stream()
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue())))),
                r.body() == null ? null : r.body().encode())));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new TreeMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length < 2 ? "" : URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
        }
        return query;
    }
}
