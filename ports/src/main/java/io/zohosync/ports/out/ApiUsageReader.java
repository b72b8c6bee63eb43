package io.zohosync.ports.out;

import io.vertx.core.Future;
import io.zohosync.ports.out.zoho.BudgetAccount;
import java.time.Instant;
import java.util.Map;

/** Outbound port: how many Zoho calls the budget counted, for the alert on a budget nearly spent. Reads only. */
public interface ApiUsageReader {

    /** The calls made after {@code since}, per meter (every organization's together); a meter with none is absent. */
    Future<Map<BudgetAccount.Meter, Long>> callsSince(Instant since);
}
