package io.zohosync.sandbox;

import io.zohosync.sandbox.core.Limit;
import io.zohosync.sandbox.core.Recorder;
import io.zohosync.sandbox.core.SandboxRecord;
import io.zohosync.sandbox.core.WebhookAttempt;
import java.util.List;
import java.util.Map;

/** Read-only view of what the sandbox holds and what it saw, for assertions in tests. */
public final class SandboxInspection {
    private final Recorder recorder;

    SandboxInspection(Recorder recorder) {
        this.recorder = recorder;
    }

    /**
     * Entities carrying {@code marker} (ignoring case): exactly as an id, name, email, invoice, reference or
     * payment number, or anywhere inside notes/description. Each record is the entity as last written.
     */
    public List<SandboxRecord> recordsFor(String marker) {
        return recorder.recordsFor(marker);
    }

    /** Calls received by an endpoint, named like {@code "POST /books/v3/contacts"} or {@code "GET /books/v3/contacts/{contact_id}"}. */
    public int calls(String endpoint) {
        return recorder.calls(endpoint);
    }

    /** Calls received per endpoint, refused ones included. */
    public Map<String, Integer> calls() {
        return recorder.calls();
    }

    /** HTTP 429 answers sent for one limit. */
    public int tooManyRequests(Limit limit) {
        return recorder.tooManyRequests(limit);
    }

    public int tooManyRequests() {
        return recorder.tooManyRequestsTotal();
    }

    /** Access tokens issued through the refresh grant. */
    public int tokenRefreshes() {
        return recorder.tokenRefreshes();
    }

    /** Refresh grants refused by the 10-per-10-minutes throttle ("Access Denied"). */
    public int tokenRefreshesDenied() {
        return recorder.tokenRefreshesDenied();
    }

    /** Outbound webhook POSTs (Billing events, Inventory stock changes), retries included, in the order their answers came. */
    public List<WebhookAttempt> webhooks() {
        return recorder.webhooks();
    }
}
