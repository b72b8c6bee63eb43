package io.zohosync.bootstrap.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;

/**
 * Posts a schedule of facts as a platform does: each until the service acknowledges it (2xx), again after a
 * failed connection or a 5xx, never past a deadline. Keeps what was acknowledged and every answer seen.
 */
final class Poster {

    /** One answer and when it came. */
    record Seen(Instant at, Fact fact, Platform.Answer answer) {}

    private final Platform platform;
    private final IntSupplier port;
    private final Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
    private final Map<String, Integer> sent = new ConcurrentHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();

    /** {@code port}: where the service listens now, 0 while it is down. */
    Poster(Platform platform, IntSupplier port) {
        this.platform = platform;
        this.port = port;
    }

    /** Posts every fact in order, each until acknowledged; gives up on the rest after {@code deadline}. */
    void postAll(List<Fact> schedule, Duration pause, Instant deadline) {
        for (Fact fact : schedule) {
            String key = key(fact.collection(), fact.id());
            while (Instant.now().isBefore(deadline)) {
                int now = port.getAsInt();
                if (now == 0) {
                    Reliability.sleep(Duration.ofMillis(50));
                    continue;
                }
                sent.merge(key, fact.version(), Math::max);
                Platform.Answer answer = platform.post(now, fact);
                seen.add(new Seen(Instant.now(), fact, answer));
                if (answer.acknowledged()) {
                    acknowledged.merge(key, fact.version(), Math::max);
                    break;
                }
                if (answer.status() >= 400 && answer.status() < 500) {
                    refused.add(fact + " -> " + answer.status() + " " + answer.body());
                    break;
                }
                Reliability.sleep(Duration.ofMillis(100));
            }
            Reliability.sleep(pause);
        }
    }

    /**
     * A schedule: every customer and item at version 1, then every {@code updateEvery}-th of them again at 2 and 3
     * ({@code updateEvery} 0: no updates).
     */
    static List<Fact> schedule(List<String> customerIds, List<String> skus, int updateEvery) {
        List<Fact> facts = new ArrayList<>();
        customerIds.forEach(id -> facts.add(new Fact("customers", id, 1)));
        skus.forEach(sku -> facts.add(new Fact("items", sku, 1)));
        for (int version = 2; version <= 3 && updateEvery > 0; version++) {
            for (int i = 0; i < customerIds.size(); i += updateEvery) {
                facts.add(new Fact("customers", customerIds.get(i), version));
            }
            for (int i = 0; i < skus.size(); i += updateEvery) {
                facts.add(new Fact("items", skus.get(i), version));
            }
        }
        return facts;
    }

    int acknowledgedCount() {
        return acknowledged.size();
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    /**
     * Asserts that nothing was refused, that every answer was as the OpenAPI document says, and that every acknowledged fact is stored: the stored version of each id is at
     * least the last one acknowledged (and no later than the last one sent).
     */
    void assertEveryAcknowledgedFactStored(Ledger ledger) {
        assertThat(refused).as("facts the service refused").isEmpty();
        assertThat(platform.violations())
                .as("answers not as /openapi.yaml says")
                .isEmpty();
        Map<String, String> phones = ledger.stored("customer", "phone");
        Map<String, String> rates = ledger.stored("item", "rate");
        acknowledged.forEach((key, version) -> {
            String collection = key.substring(0, key.indexOf('|'));
            String id = key.substring(key.indexOf('|') + 1);
            String stored = (collection.equals("customers") ? phones : rates).get(id);
            assertThat(stored)
                    .as("stored %s '%s' (acknowledged version %d)", collection, id, version)
                    .isNotNull();
            assertThat(Fact.versionOf(collection, stored))
                    .as("stored version of %s '%s'", collection, id)
                    .isBetween(version, sent.get(key));
        });
    }

    private static String key(String collection, String id) {
        return collection + "|" + id;
    }
}
