package io.zohosync.sandbox.core;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** What the sandbox saw and answered, kept for tests: calls per endpoint, 429s per limit, token refreshes, entities per marker, webhooks sent. */
public final class Recorder {
    private record Indexed(SandboxRecord record, List<String> keys, List<String> texts) {}

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<Limit, AtomicInteger> tooManyRequests = new ConcurrentHashMap<>();
    private final AtomicInteger tokenRefreshes = new AtomicInteger();
    private final AtomicInteger tokenRefreshesDenied = new AtomicInteger();
    private final Map<String, Indexed> records = new ConcurrentHashMap<>();
    private final List<WebhookAttempt> webhooks = new CopyOnWriteArrayList<>();

    public void call(String endpoint) {
        calls.computeIfAbsent(endpoint, k -> new AtomicInteger()).incrementAndGet();
    }

    public void refused(Limit limit) {
        tooManyRequests.computeIfAbsent(limit, k -> new AtomicInteger()).incrementAndGet();
    }

    public void tokenRefreshed() {
        tokenRefreshes.incrementAndGet();
    }

    public void tokenRefreshDenied() {
        tokenRefreshesDenied.incrementAndGet();
    }

    /**
     * Remembers an entity's latest state. {@code keys} are identifiers matched exactly, ignoring case
     * (reference or invoice numbers, emails); {@code texts} are free texts matched by containment (notes).
     */
    public void entity(
            String product,
            String entity,
            String id,
            JsonObject body,
            Collection<String> keys,
            Collection<String> texts) {
        records.put(
                product + "/" + entity + "/" + id,
                new Indexed(new SandboxRecord(product, entity, id, body.copy()), lower(keys), lower(texts)));
    }

    public void forget(String product, String entity, String id) {
        records.remove(product + "/" + entity + "/" + id);
    }

    public void webhook(WebhookAttempt attempt) {
        webhooks.add(attempt);
    }

    /** Outbound webhook POSTs in the order their answers came. */
    public List<WebhookAttempt> webhooks() {
        return List.copyOf(webhooks);
    }

    public List<SandboxRecord> recordsFor(String marker) {
        String wanted = marker.toLowerCase(Locale.ROOT);
        List<SandboxRecord> found = new ArrayList<>();
        for (Indexed indexed : records.values()) {
            if (indexed.keys().contains(wanted) || indexed.texts().stream().anyMatch(text -> text.contains(wanted))) {
                found.add(indexed.record());
            }
        }
        found.sort((a, b) -> a.id().compareTo(b.id()));
        return found;
    }

    public int calls(String endpoint) {
        AtomicInteger count = calls.get(endpoint);
        return count == null ? 0 : count.get();
    }

    public Map<String, Integer> calls() {
        Map<String, Integer> copy = new TreeMap<>();
        calls.forEach((endpoint, count) -> copy.put(endpoint, count.get()));
        return copy;
    }

    public int tooManyRequests(Limit limit) {
        AtomicInteger count = tooManyRequests.get(limit);
        return count == null ? 0 : count.get();
    }

    public int tooManyRequestsTotal() {
        return tooManyRequests.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    public int tokenRefreshes() {
        return tokenRefreshes.get();
    }

    public int tokenRefreshesDenied() {
        return tokenRefreshesDenied.get();
    }

    private static List<String> lower(Collection<String> values) {
        return values.stream()
                .filter(v -> v != null && !v.isBlank())
                .map(v -> v.toLowerCase(Locale.ROOT))
                .toList();
    }
}
