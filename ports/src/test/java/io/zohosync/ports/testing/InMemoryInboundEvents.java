package io.zohosync.ports.testing;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.ports.out.InboundEvents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** In-memory adapter for {@link InboundEvents}: rows by id in a sorted map, ids counted up from 1. */
public final class InMemoryInboundEvents implements InboundEvents {

    private final TreeMap<Long, Detail> rows = new TreeMap<>();

    @Override
    public synchronized Future<Boolean> keep(Received e) {
        boolean known = rows.values().stream()
                .anyMatch(d -> d.event().source().equals(e.source())
                        && d.event().eventId().equals(e.eventId()));
        if (known) {
            return Future.succeededFuture(false);
        }
        long id = rows.isEmpty() ? 1 : rows.lastKey() + 1;
        Kept kept = new Kept(
                id,
                e.source(),
                e.eventId(),
                e.type(),
                e.status(),
                e.reason(),
                e.receivedAt(),
                e.amount(),
                e.currency(),
                e.customerId(),
                e.orderId(),
                e.metadata(),
                null,
                null,
                null);
        rows.put(id, new Detail(kept, e.rawBody()));
        return Future.succeededFuture(true);
    }

    @Override
    public synchronized Future<List<Kept>> list(Page page) {
        List<Kept> out = new ArrayList<>();
        for (Detail d : rows.tailMap(page.afterId(), false).values()) {
            Kept k = d.event();
            if (out.size() == page.limit()) {
                break;
            }
            if (page.status().map(s -> s == k.status()).orElse(true)
                    && page.source().map(s -> s.equals(k.source())).orElse(true)) {
                out.add(k);
            }
        }
        return Future.succeededFuture(out);
    }

    @Override
    public synchronized Future<Optional<Detail>> find(long id) {
        return Future.succeededFuture(Optional.ofNullable(rows.get(id)));
    }

    @Override
    public synchronized Future<Boolean> resolve(long id, String by, String resolution, EntityRef became, Instant at) {
        Detail d = rows.get(id);
        if (d == null || d.event().status() == Status.RESOLVED) {
            return Future.succeededFuture(false);
        }
        Kept k = d.event();
        rows.put(
                id,
                new Detail(
                        new Kept(
                                k.id(),
                                k.source(),
                                k.eventId(),
                                k.type(),
                                Status.RESOLVED,
                                k.reason(),
                                k.receivedAt(),
                                k.amount(),
                                k.currency(),
                                k.customerId(),
                                k.orderId(),
                                k.metadata(),
                                at,
                                by,
                                resolution),
                        d.rawBody()));
        return Future.succeededFuture(true);
    }

    /** How many events are kept: for tests that check a refusal kept nothing. */
    public synchronized int size() {
        return rows.size();
    }
}
