package io.zohosync.ports.flows.billing;

import io.vertx.core.Future;
import io.zohosync.domain.common.InvalidInput.FieldError;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.subscription.Addon;
import io.zohosync.domain.subscription.Subscription;
import io.zohosync.domain.sync.SyncState;
import io.zohosync.ports.in.PaymentMethodUseCase;
import io.zohosync.ports.out.EntityStore;
import io.zohosync.ports.out.HostedPageRecords;
import io.zohosync.ports.out.HostedPageRecords.HostedPageRecord;
import io.zohosync.ports.out.StoredEntity;
import io.zohosync.ports.out.SyncRecords;
import io.zohosync.ports.out.zoho.HostedPage;
import io.zohosync.ports.out.zoho.ZohoBillingPages;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoSubscriptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Opens a Billing hosted page for a customer's card: {@code update_card} for a service whose subscription is in
 * Billing ({@code POST /hostedpages/updatecard}), {@code new_subscription} for a service not yet in Billing, whose
 * first invoice the customer pays on the page ({@code POST /hostedpages/newsubscription}, reference id = the service
 * id, so the subscription flow finds that subscription again instead of creating a second). The customer must be in
 * Billing already. Each page opened is recorded with its customer and service, for Billing's webhook of its completion.
 */
public final class PaymentMethodService implements PaymentMethodUseCase {

    static final int MAX_ID = 100;
    static final int MAX_URL = 2_000;
    private static final DateTimeFormatter ZOHO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");

    private final SyncRecords records;
    private final EntityStore entities;
    private final ZohoBillingPages pages;
    private final ZohoSubscriptions subscriptions;
    private final HostedPageRecords opened;
    private final Clock clock;

    public PaymentMethodService(
            SyncRecords records,
            EntityStore entities,
            ZohoBillingPages pages,
            ZohoSubscriptions subscriptions,
            HostedPageRecords opened,
            Clock clock) {
        this.records = records;
        this.entities = entities;
        this.pages = pages;
        this.subscriptions = subscriptions;
        this.opened = opened;
        this.clock = clock;
    }

    @Override
    public Future<Result> open(Request request) {
        List<FieldError> errors = check(request);
        if (!errors.isEmpty()) {
            return Future.succeededFuture(new Result.Invalid(errors));
        }
        SyncKey customerKey = new SyncKey(EntityType.CUSTOMER, request.customerId(), SyncTarget.BILLING);
        SyncKey serviceKey = new SyncKey(EntityType.SUBSCRIPTION, request.serviceId(), SyncTarget.BILLING);
        return records.states(List.of(customerKey, serviceKey)).compose(states -> {
            SyncState customer = states.get(customerKey);
            if (customer == null || customer.zohoId() == null) {
                return refused(
                        409,
                        "customer_not_in_billing",
                        "customer " + request.customerId() + " is not in Zoho Billing yet"
                                + (customer == null
                                        ? " (it was never routed there)"
                                        : " (" + customer.status().wire() + ")")
                                + ": send it with ZSYNC_TARGETS routing customers to billing and try again once synced");
            }
            return entities.find(new EntityRef(EntityType.SUBSCRIPTION, request.serviceId()))
                    .compose(service -> withService(request, customer.zohoId(), states.get(serviceKey), service));
        });
    }

    private Future<Result> withService(
            Request request, String customerZohoId, SyncState subscription, Optional<StoredEntity> service) {
        if (service.isEmpty()) {
            return refused(
                    404,
                    "service_not_found",
                    "service " + request.serviceId() + " was never sent (PUT /api/v1/services/{id})");
        }
        Map<String, Object> payload = service.get().payload();
        if (!request.customerId().equals(payload.get("customer_id"))) {
            return refused(
                    422,
                    "service_of_another_customer",
                    "service " + request.serviceId() + " belongs to customer " + payload.get("customer_id") + ", not "
                            + request.customerId());
        }
        boolean inBilling = subscription != null && subscription.zohoId() != null;
        if (request.purpose().equals("update_card")) {
            if (!inBilling) {
                return refused(
                        409,
                        "subscription_not_in_billing",
                        "service " + request.serviceId() + " has no Billing subscription yet, so it has no card to"
                                + " update: ask for new_subscription, or try again once the service is synced");
            }
            return pages.updateCardPage(subscription.zohoId(), request.redirectUrl())
                    .compose(outcome -> answer(request, outcome));
        }
        if (inBilling) {
            return refused(
                    409,
                    "subscription_exists",
                    "service " + request.serviceId() + " is already Billing subscription " + subscription.zohoId()
                            + ": ask for update_card to collect its card");
        }
        Subscription wanted;
        try {
            wanted = subscription(request.serviceId(), payload);
        } catch (RuntimeException e) {
            return refused(
                    422,
                    "service_not_subscribable",
                    "service " + request.serviceId() + " names no plan Billing could start: " + e.getMessage());
        }
        return subscriptions
                .newSubscriptionPage(wanted, customerZohoId, request.redirectUrl())
                .compose(outcome -> answer(request, outcome));
    }

    private Future<Result> answer(Request request, ZohoOutcome<HostedPage> outcome) {
        if (outcome instanceof ZohoOutcome.Success<HostedPage> ok) {
            HostedPage page = ok.value();
            Instant expires = expiry(page.expiringTime());
            HostedPageRecord kept = new HostedPageRecord(
                    page.hostedPageId(),
                    request.customerId(),
                    request.serviceId(),
                    request.purpose(),
                    page.url(),
                    expires,
                    clock.instant());
            return opened.record(kept).map(x -> new Result.Opened(page.url(), expires, page.hostedPageId()));
        }
        if (outcome instanceof ZohoOutcome.Validation<HostedPage> refused) {
            return refused(
                    422,
                    "billing_refused",
                    "Zoho Billing refused the hosted page (" + refused.code() + "): " + refused.message());
        }
        if (outcome instanceof ZohoOutcome.NotFound<HostedPage> missing) {
            return refused(
                    409,
                    "billing_record_missing",
                    "Zoho Billing no longer has the customer's subscription: " + missing.message());
        }
        return refused(
                503,
                "zoho_unavailable",
                "Zoho Billing could not be asked now (" + outcome.getClass().getSimpleName() + "); nothing was"
                        + " opened: try again in a moment");
    }

    private static Future<Result> refused(int status, String code, String message) {
        return Future.succeededFuture(new Result.Refused(status, code, message));
    }

    private static List<FieldError> check(Request request) {
        List<FieldError> errors = new ArrayList<>(request.wireErrors());
        Set<String> named = new HashSet<>();
        request.wireErrors().forEach(e -> named.add(e.field()));
        if (named.contains("purpose")) {
            // its type was wrong: already said
        } else if (request.purpose() == null) {
            errors.add(new FieldError("purpose", "is required: update_card or new_subscription"));
        } else if (!request.purpose().equals("update_card")
                && !request.purpose().equals("new_subscription")) {
            errors.add(new FieldError("purpose", "must be update_card or new_subscription"));
        }
        if (named.contains("service_id")) {
            // already said
        } else if (request.serviceId() == null || request.serviceId().isBlank()) {
            errors.add(new FieldError(
                    "service_id", "is required: the service whose card (or first payment) the page is for"));
        } else if (request.serviceId().length() > MAX_ID) {
            errors.add(new FieldError("service_id", "must be at most " + MAX_ID + " characters"));
        }
        if (!named.contains("redirect_url") && request.redirectUrl() != null && !absoluteHttp(request.redirectUrl())) {
            errors.add(new FieldError(
                    "redirect_url", "must be an absolute http or https URL of at most " + MAX_URL + " characters"));
        }
        return errors;
    }

    private static boolean absoluteHttp(String url) {
        if (url.length() > MAX_URL) {
            return false;
        }
        try {
            URI uri = new URI(url);
            return uri.getHost() != null && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Zoho's {@code expiring_time} ({@code 2026-11-22T03:03:08+0000}); an offset with a colon is taken too. */
    static Instant expiry(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text, ZOHO_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(text).toInstant();
        }
    }

    /** The service as billing-shared's wire names it: {@code plan_code, quantity, addons[{addon_code, quantity}], starts_at}. */
    @SuppressWarnings("unchecked")
    static Subscription subscription(String serviceId, Map<String, Object> payload) {
        List<Addon> addons = new ArrayList<>();
        if (payload.get("addons") instanceof List<?> list) {
            for (Object value : list) {
                Map<String, Object> addon = (Map<String, Object>) value;
                addons.add(new Addon(String.valueOf(addon.get("addon_code")), quantity(addon.get("quantity"))));
            }
        }
        Object startsAt = payload.get("starts_at");
        return new Subscription(
                serviceId,
                String.valueOf(payload.get("customer_id")),
                payload.get("plan_code") instanceof String code ? code : null,
                quantity(payload.get("quantity")),
                addons,
                startsAt instanceof String s ? LocalDate.parse(s) : null,
                null);
    }

    private static int quantity(Object value) {
        if (value == null) {
            return 1;
        }
        return new java.math.BigDecimal(value.toString()).intValueExact();
    }
}
