package io.zohosync.ports.console;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.ports.in.ConsoleQuery;
import io.zohosync.ports.in.CustomerPage;
import io.zohosync.ports.in.CustomerQuery;
import io.zohosync.ports.in.CustomerRow;
import io.zohosync.ports.in.Operations;
import io.zohosync.ports.in.RecordHistory;
import io.zohosync.ports.in.SyncRecordView;
import io.zohosync.ports.out.ApiUsageReader;
import io.zohosync.ports.out.ConsoleReader;
import io.zohosync.ports.out.EntityStore;
import io.zohosync.ports.out.StoredEntity;
import io.zohosync.ports.out.SyncHealthReader;
import io.zohosync.ports.out.SyncRecordsReader;
import io.zohosync.ports.out.zoho.BudgetAccount.Meter;
import io.zohosync.ports.out.zoho.ZohoApiLimits;
import io.zohosync.ports.out.zoho.ZohoContact;
import io.zohosync.ports.out.zoho.ZohoContacts;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoWebLinks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Use case: the operator's console's reads — health figures, a record's history, customers, a Zoho contact search. */
public final class ConsoleService implements ConsoleQuery {

    static final int SOURCES = 50;
    static final int ACTIONS = 100;
    private static final Duration DAY = Duration.ofHours(24);
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final ConsoleReader console;
    private final SyncRecordsReader records;
    private final SyncHealthReader health;
    private final ApiUsageReader usage;
    private final EntityStore entities;
    private final ZohoContacts contacts;
    private final ZohoWebLinks links;
    private final Map<Meter, ZohoApiLimits> limits;
    private final Clock clock;

    /** {@code limits}: each meter's allowances as the budget is configured. */
    public ConsoleService(
            ConsoleReader console,
            SyncRecordsReader records,
            SyncHealthReader health,
            ApiUsageReader usage,
            EntityStore entities,
            ZohoContacts contacts,
            ZohoWebLinks links,
            Map<Meter, ZohoApiLimits> limits,
            Clock clock) {
        this.console = console;
        this.records = records;
        this.health = health;
        this.usage = usage;
        this.entities = entities;
        this.contacts = contacts;
        this.links = links;
        this.limits = Map.copyOf(limits);
        this.clock = clock;
    }

    @Override
    public Future<Operations> operations() {
        Instant now = clock.instant();
        var outcomes = console.outcomesSince(now.minus(DAY));
        var activity = health.activity(now);
        var day = usage.callsSince(now.minus(DAY));
        var minute = usage.callsSince(now.minus(MINUTE));
        // all four asked at once; read as they come (Future only at the ports: no CompositeFuture)
        return outcomes.compose(x -> activity)
                .compose(x -> day)
                .compose(x -> minute)
                .map(all -> {
                    List<Operations.MeterUse> budget = new ArrayList<>();
                    for (Meter meter : Meter.values()) {
                        ZohoApiLimits limit = limits.get(meter);
                        if (limit != null) {
                            budget.add(new Operations.MeterUse(
                                    meter,
                                    day.result().getOrDefault(meter, 0L),
                                    minute.result().getOrDefault(meter, 0L),
                                    limit.perDay(),
                                    limit.perMinute()));
                        }
                    }
                    return new Operations(
                            now,
                            outcomes.result().synced(),
                            outcomes.result().failed(),
                            activity.result().due(),
                            activity.result().oldestDueSince(),
                            budget);
                });
    }

    @Override
    public Future<RecordHistory> history(EntityRef entity) {
        var stored = entities.find(entity);
        var synced = records.findAll(entity);
        var sources = console.sources(entity, SOURCES);
        var prerequisites = console.prerequisites(entity);
        var dependants = console.dependants(entity);
        var actions = console.actions(entity, ACTIONS);
        return stored.compose(x -> synced)
                .compose(x -> sources)
                .compose(x -> prerequisites)
                .compose(x -> dependants)
                .compose(x -> actions)
                .map(all -> new RecordHistory(
                        stored.result().map(StoredEntity::payload).orElse(Map.of()),
                        zohoLinks(synced.result()),
                        sources.result(),
                        prerequisites.result(),
                        dependants.result(),
                        actions.result()));
    }

    private Map<String, String> zohoLinks(List<SyncRecordView> synced) {
        Map<String, String> byTarget = new LinkedHashMap<>();
        for (SyncRecordView record : synced) {
            if (record.zohoId() != null) {
                SyncTarget target = record.key().target();
                links.url(record.key(), record.zohoId()).ifPresent(url -> byTarget.put(target.wire(), url));
            }
        }
        return byTarget;
    }

    /** One customer more than the page says whether another page follows. */
    @Override
    public Future<CustomerPage> customers(CustomerQuery query) {
        return console.customers(query.withLimit(query.limit() + 1)).map(rows -> {
            if (rows.size() <= query.limit()) {
                return new CustomerPage(rows, null);
            }
            List<CustomerRow> page = rows.subList(0, query.limit());
            return new CustomerPage(page, page.get(page.size() - 1).id());
        });
    }

    @Override
    public Future<ContactSearch> searchContacts(String text) {
        String wanted = text.strip();
        var found = wanted.contains("@") ? contacts.findByEmail(wanted) : contacts.findByName(wanted);
        return found.map(outcome -> {
            if (outcome instanceof ZohoOutcome.Success<List<ZohoContact>> success) {
                return new ContactSearch.Found(success.value());
            }
            if (outcome instanceof ZohoOutcome.NotFound<List<ZohoContact>>) {
                return new ContactSearch.Found(List.of());
            }
            return new ContactSearch.Unavailable(
                    "Zoho Books could not be searched now (" + kind(outcome) + "); try again in a moment");
        });
    }

    private static String kind(ZohoOutcome<?> outcome) {
        if (outcome instanceof ZohoOutcome.RateLimited<?> limited) {
            return switch (limited.scope()) {
                case CIRCUIT_OPEN -> "its circuit is open after Zoho failed";
                case TOKEN_REFRESH -> "Zoho's token refresh is cooling down";
                case MINUTE, DAY, CONCURRENCY -> "the API budget is spent";
            };
        }
        if (outcome instanceof ZohoOutcome.AuthFailure<?>) {
            return "Zoho refused the connection's token";
        }
        return outcome instanceof ZohoOutcome.Outage<?> ? "Zoho is unavailable" : "Zoho refused the search";
    }
}
