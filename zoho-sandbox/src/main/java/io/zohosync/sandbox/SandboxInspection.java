package io.zohosync.sandbox;

import io.zohosync.sandbox.core.Limit;
import io.zohosync.sandbox.core.Recorder;
import io.zohosync.sandbox.core.SandboxRecord;
import io.zohosync.sandbox.core.WebhookAttempt;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Read-only view of what the sandbox holds and what it saw, for assertions in tests. */
public final class SandboxInspection {
    private final Supplier<Recorder> recorder;

    /** {@code recorder} answers the sandbox's recorder of the moment: a reset replaces it. */
    SandboxInspection(Supplier<Recorder> recorder) {
        this.recorder = recorder;
    }

    /**
     * Entities carrying {@code marker} (ignoring case): exactly as an id, name, email, invoice, reference or
     * payment number, or anywhere inside notes/description. Each record is the entity as last written.
     */
    public List<SandboxRecord> recordsFor(String marker) {
        return recorder.get().recordsFor(marker);
    }

    /** Calls received by an endpoint, named like {@code "POST /books/v3/contacts"} or {@code "GET /books/v3/contacts/{contact_id}"}. */
    public int calls(String endpoint) {
        return recorder.get().calls(endpoint);
    }

    /** Calls received per endpoint, refused ones included. */
    public Map<String, Integer> calls() {
        return recorder.get().calls();
    }

    /** HTTP 429 answers sent for one limit. */
    public int tooManyRequests(Limit limit) {
        return recorder.get().tooManyRequests(limit);
    }

    public int tooManyRequests() {
        return recorder.get().tooManyRequestsTotal();
    }

    /** Access tokens issued through the refresh grant. */
    public int tokenRefreshes() {
        return recorder.get().tokenRefreshes();
    }

    /** Refresh grants refused by the 10-per-10-minutes throttle ("Access Denied"). */
    public int tokenRefreshesDenied() {
        return recorder.get().tokenRefreshesDenied();
    }

    /** Outbound webhook POSTs (Billing events, Inventory stock changes), retries included, in the order their answers came. */
    public List<WebhookAttempt> webhooks() {
        return recorder.get().webhooks();
    }
}
