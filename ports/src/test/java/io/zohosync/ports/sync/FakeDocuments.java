package io.zohosync.ports.sync;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.ports.intake.EntityMapping;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.sync.handler.Links;
import io.zohosync.ports.sync.handler.SyncHandler;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A stand-in flow for documents that need others first (invoices need a customer and items, payments a
 * customer and an invoice): the entity is its wire form; "Zoho" is a map from marker (the platform id) to a
 * record that remembers the prerequisite ids it was written with. Every call is written to {@link #calls}.
 */
final class FakeDocuments implements SyncHandler<FakeDocuments.Doc> {

    record Doc(String id, Map<String, Object> fields) {}

    record Written(String zohoId, String marker, Map<EntityRef, String> links) {}

    private final EntityType type;
    private final SyncTarget target;
    private final List<String> calls;
    private final Map<String, Written> zoho = new LinkedHashMap<>();
    private final Map<String, ZohoOutcome<String>> failCreate = new HashMap<>();
    private RuntimeException breakNextCall;
    private ZohoOutcome<String> failUpdate;
    private ZohoOutcome<String> failNextCompletion;
    private int nextId = 1;
    private final Deque<ZohoOutcome<String>> readsFirst = new ArrayDeque<>();

    FakeDocuments(EntityType type, List<String> calls) {
        this(type, SyncTarget.BOOKS, calls);
    }

    FakeDocuments(EntityType type, SyncTarget target, List<String> calls) {
        this.type = type;
        this.target = target;
        this.calls = calls;
    }

    void failCreateOf(String id, ZohoOutcome<String> outcome) {
        failCreate.put(id, outcome);
    }

    /** Every update answers {@code outcome} (Zoho refusing the changed data). */
    void failUpdates(ZohoOutcome<String> outcome) {
        failUpdate = outcome;
    }

    /** The next completion of a record found by its marker answers {@code outcome}. */
    void failNextCompletion(ZohoOutcome<String> outcome) {
        failNextCompletion = outcome;
    }

    /** A record that is in "Zoho" already, under {@code zohoId}, carrying {@code marker}. */
    void add(String marker, String zohoId) {
        zoho.put(marker, new Written(zohoId, marker, Map.of()));
    }

    /** The next call throws: a bug or a dropped connection on our side, not an answer from Zoho. */
    void breakNextCall(RuntimeException error) {
        breakNextCall = error;
    }

    Optional<Written> written(String id) {
        return Optional.ofNullable(zoho.get(id));
    }

    int recordsInZoho() {
        return zoho.size();
    }

    @Override
    public EntityType type() {
        return type;
    }

    @Override
    public SyncTarget target() {
        return target;
    }

    @Override
    public EntityMapping<Doc> mapping() {
        return new EntityMapping<>() {
            @Override
            public EntityType type() {
                return type;
            }

            @Override
            public String collection() {
                return type.wire() + "s";
            }

            @Override
            public Doc read(String id, Map<String, Object> json) {
                return new Doc(id, json);
            }

            @Override
            public Map<String, Object> write(Doc doc) {
                Map<String, Object> json = new LinkedHashMap<>(doc.fields());
                json.put("id", doc.id());
                return json;
            }

            @Override
            public String id(Doc doc) {
                return doc.id();
            }
        };
    }

    /** {@code customer}, {@code invoice} and {@code items} fields name what must be in Zoho first. */
    @Override
    public List<EntityRef> prerequisites(Doc doc) {
        List<EntityRef> needed = new ArrayList<>();
        if (doc.fields().get("customer") instanceof String c) {
            needed.add(new EntityRef(EntityType.CUSTOMER, c));
        }
        if (doc.fields().get("invoice") instanceof String i) {
            needed.add(new EntityRef(EntityType.INVOICE, i));
        }
        if (doc.fields().get("items") instanceof List<?> items) {
            items.forEach(sku -> needed.add(new EntityRef(EntityType.ITEM, (String) sku)));
        }
        if (doc.fields().get("self") instanceof String self) {
            needed.add(new EntityRef(type, self));
        }
        return needed;
    }

    @Override
    public Future<ZohoOutcome<List<String>>> findByMarker(Doc doc) {
        calls.add("findByMarker " + type.wire() + " " + doc.id());
        brokenCall();
        return Future.succeededFuture(new ZohoOutcome.Success<>(
                zoho.containsKey(doc.id()) ? List.of(zoho.get(doc.id()).zohoId()) : List.of()));
    }

    @Override
    public Future<ZohoOutcome<String>> completeFound(String zohoId, Doc doc, Links links) {
        calls.add("complete " + type.wire() + " " + doc.id() + " as " + zohoId);
        ZohoOutcome<String> failure = failNextCompletion;
        failNextCompletion = null;
        return Future.succeededFuture(failure != null ? failure : new ZohoOutcome.Success<>(zohoId));
    }

    @Override
    public Future<ZohoOutcome<String>> create(Doc doc, Links links) {
        calls.add("create " + type.wire() + " " + doc.id());
        brokenCall();
        ZohoOutcome<String> failure = failCreate.get(doc.id());
        if (failure != null) {
            return Future.succeededFuture(failure);
        }
        Written written = new Written(type.wire() + "-z" + nextId++, doc.id(), links.zohoIds());
        zoho.put(doc.id(), written);
        return Future.succeededFuture(new ZohoOutcome.Success<>(written.zohoId()));
    }

    private void brokenCall() {
        RuntimeException error = breakNextCall;
        breakNextCall = null;
        if (error != null) {
            throw error;
        }
    }

    @Override
    public Future<ZohoOutcome<String>> update(String zohoId, Doc doc, Links links) {
        calls.add("update " + type.wire() + " " + doc.id());
        brokenCall();
        if (failUpdate != null) {
            return Future.succeededFuture(failUpdate);
        }
        return Future.succeededFuture(new ZohoOutcome.Success<>(zohoId));
    }

    /** The next reads answer {@code outcomes}, one each, before Zoho's own answer (the budget putting them off). */
    @SafeVarargs
    final void readsFirst(ZohoOutcome<String>... outcomes) {
        readsFirst.addAll(List.of(outcomes));
    }

    @Override
    public Future<ZohoOutcome<String>> read(String zohoId) {
        calls.add("read " + type.wire() + " " + zohoId);
        if (!readsFirst.isEmpty()) {
            return Future.succeededFuture(readsFirst.poll());
        }
        return Future.succeededFuture(
                zoho.values().stream().anyMatch(w -> w.zohoId().equals(zohoId))
                        ? new ZohoOutcome.Success<>(zohoId)
                        : new ZohoOutcome.NotFound<>("no such record"));
    }
}
