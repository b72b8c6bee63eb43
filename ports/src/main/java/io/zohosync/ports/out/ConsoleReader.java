package io.zohosync.ports.out;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.ports.in.AdminActionEntry;
import io.zohosync.ports.in.CustomerQuery;
import io.zohosync.ports.in.CustomerRow;
import io.zohosync.ports.in.RecordWait;
import io.zohosync.ports.in.SourceEvent;
import java.time.Instant;
import java.util.List;

/** Outbound port: what the console reads besides the sync records themselves. Reads only. */
public interface ConsoleReader {

    /** How many sync log entries since {@code since} reached {@code synced}, and how many {@code failed}. */
    Future<Outcomes> outcomesSince(Instant since);

    record Outcomes(long synced, long failed) {}

    /** The inbound events stored for the entity, and the held provider events naming or matched to it; newest first. */
    Future<List<SourceEvent>> sources(EntityRef entity, int limit);

    /** Every wait of the entity's records on another (its prerequisites), oldest first. */
    Future<List<RecordWait>> prerequisites(EntityRef entity);

    /** Every wait of another record on one of the entity's (its dependants), oldest first. */
    Future<List<RecordWait>> dependants(EntityRef entity);

    /** The newest {@code limit} admin actions on the entity, newest first. */
    Future<List<AdminActionEntry>> actions(EntityRef entity, int limit);

    /** At most {@code query.limit()} customers matching the query, in id order (the store's order of text). */
    Future<List<CustomerRow>> customers(CustomerQuery query);
}
