package io.zohosync.adapters.http;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.ports.in.AdminActionEntry;
import io.zohosync.ports.in.ConsoleQuery;
import io.zohosync.ports.in.CustomerPage;
import io.zohosync.ports.in.CustomerQuery;
import io.zohosync.ports.in.Operations;
import io.zohosync.ports.in.RecordHistory;
import io.zohosync.ports.out.AdminAudit;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** The console's reads answered as a test sets them, every question and audit entry kept for assertions. */
final class StubConsole implements ConsoleQuery, AdminAudit {

    final List<Object> questions = new CopyOnWriteArrayList<>();
    final List<AdminActionEntry> audited = new CopyOnWriteArrayList<>();
    volatile Operations operations = new Operations(Instant.EPOCH, 0, 0, 0, null, List.of());
    volatile RecordHistory history = new RecordHistory(Map.of(), Map.of(), List.of(), List.of(), List.of(), List.of());
    volatile CustomerPage customers = new CustomerPage(List.of(), null);
    volatile ContactSearch contacts = new ContactSearch.Found(List.of());

    @Override
    public Future<Operations> operations() {
        return Future.succeededFuture(operations);
    }

    @Override
    public Future<RecordHistory> history(EntityRef entity) {
        questions.add(entity);
        return Future.succeededFuture(history);
    }

    @Override
    public Future<CustomerPage> customers(CustomerQuery query) {
        questions.add(query);
        return Future.succeededFuture(customers);
    }

    @Override
    public Future<ContactSearch> searchContacts(String text) {
        questions.add(text);
        return Future.succeededFuture(contacts);
    }

    @Override
    public Future<Void> record(AdminActionEntry entry) {
        audited.add(entry);
        return Future.succeededFuture();
    }
}
