package io.zohosync.ports.testing;

import io.vertx.core.Future;
import io.zohosync.ports.intake.CanonicalJson;
import io.zohosync.ports.out.PlatformMessage;
import io.zohosync.ports.out.PlatformOutbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/** In-memory adapter for {@link PlatformOutbox}: rows by id in a sorted map; {@link #publish} puts a message in. */
public final class InMemoryPlatformOutbox implements PlatformOutbox {

    private static final class Row {
        Message message;
        String lockedBy;
        Instant lockedUntil;
        final List<Attempt> attempts = new ArrayList<>();

        Row(Message message) {
            this.message = message;
        }
    }

    private final TreeMap<Long, Row> rows = new TreeMap<>();
    private final Clock clock;

    /** {@code clock}: when a published message is created, and first due. */
    public InMemoryPlatformOutbox(Clock clock) {
        this.clock = clock;
    }

    public InMemoryPlatformOutbox() {
        this(Clock.systemUTC());
    }

    /** As a committed intake transaction would: the message, pending and due now. */
    public synchronized Future<Void> publish(PlatformMessage m) {
        long id = rows.isEmpty() ? 1 : rows.lastKey() + 1;
        Instant now = clock.instant();
        rows.put(
                id,
                new Row(new Message(
                        id,
                        UUID.randomUUID(),
                        m.type(),
                        m.stream(),
                        CanonicalJson.write(m.data()),
                        m.occurredAt(),
                        now,
                        Status.PENDING,
                        0,
                        now,
                        null,
                        null)));
        return Future.succeededFuture();
    }

    @Override
    public synchronized Future<List<Message>> claim(String owner, int limit, Instant now, Duration lease) {
        Map<String, Long> firstPending = new HashMap<>();
        for (Row row : rows.values()) {
            if (row.message.status() == Status.PENDING) {
                firstPending.putIfAbsent(row.message.stream(), row.message.id());
            }
        }
        List<Row> due = rows.values().stream()
                .filter(r -> r.message.status() == Status.PENDING)
                .filter(r -> firstPending.get(r.message.stream()) == r.message.id())
                .filter(r -> !r.message.nextAttemptAt().isAfter(now))
                .filter(r -> r.lockedUntil == null || !r.lockedUntil.isAfter(now))
                .sorted((a, b) -> a.message.nextAttemptAt().equals(b.message.nextAttemptAt())
                        ? Long.compare(a.message.id(), b.message.id())
                        : a.message.nextAttemptAt().compareTo(b.message.nextAttemptAt()))
                .limit(limit)
                .toList();
        List<Message> claimed = new ArrayList<>();
        for (Row row : due) {
            row.lockedBy = owner;
            row.lockedUntil = now.plus(lease);
            claimed.add(row.message);
        }
        claimed.sort((a, b) -> Long.compare(a.id(), b.id()));
        return Future.succeededFuture(claimed);
    }

    @Override
    public synchronized Future<Boolean> record(long id, String owner, Attempt attempt, Result result) {
        Row row = rows.get(id);
        if (row == null || !owner.equals(row.lockedBy) || row.message.status() != Status.PENDING) {
            return Future.succeededFuture(false);
        }
        Message m = row.message;
        row.attempts.add(attempt);
        row.lockedBy = null;
        row.lockedUntil = null;
        row.message = new Message(
                m.id(),
                m.messageId(),
                m.type(),
                m.stream(),
                m.dataJson(),
                m.occurredAt(),
                m.createdAt(),
                result.status(),
                attempt.number(),
                result.retryAt() == null ? m.nextAttemptAt() : result.retryAt(),
                result.status() == Status.DELIVERED ? attempt.at() : null,
                attempt.error());
        return Future.succeededFuture(true);
    }

    @Override
    public synchronized Future<Integer> release(String owner) {
        int released = 0;
        for (Row row : rows.values()) {
            if (owner.equals(row.lockedBy)) {
                row.lockedBy = null;
                row.lockedUntil = null;
                released++;
            }
        }
        return Future.succeededFuture(released);
    }

    @Override
    public synchronized Future<List<Message>> list(Page page) {
        List<Message> out = new ArrayList<>();
        for (Row row : rows.tailMap(page.afterId(), false).values()) {
            if (out.size() == page.limit()) {
                break;
            }
            Message m = row.message;
            if (page.status().map(s -> s == m.status()).orElse(true)
                    && page.stream().map(s -> s.equals(m.stream())).orElse(true)) {
                out.add(m);
            }
        }
        return Future.succeededFuture(out);
    }

    @Override
    public synchronized Future<Optional<Detail>> find(long id) {
        Row row = rows.get(id);
        return Future.succeededFuture(
                row == null ? Optional.empty() : Optional.of(new Detail(row.message, List.copyOf(row.attempts))));
    }

    @Override
    public synchronized Future<RetryNow> retryNow(long id, Instant now) {
        Row row = rows.get(id);
        if (row == null) {
            return Future.succeededFuture(RetryNow.UNKNOWN);
        }
        Message m = row.message;
        if (m.status() == Status.DELIVERED) {
            return Future.succeededFuture(RetryNow.DELIVERED);
        }
        row.message = new Message(
                m.id(),
                m.messageId(),
                m.type(),
                m.stream(),
                m.dataJson(),
                m.occurredAt(),
                m.createdAt(),
                Status.PENDING,
                m.attempts(),
                now,
                null,
                m.lastError());
        return Future.succeededFuture(RetryNow.SCHEDULED);
    }

    @Override
    public synchronized Future<Long> count(Status status) {
        return Future.succeededFuture(
                rows.values().stream().filter(r -> r.message.status() == status).count());
    }
}
