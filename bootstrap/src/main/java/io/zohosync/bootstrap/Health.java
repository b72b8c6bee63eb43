package io.zohosync.bootstrap;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.zohosync.adapters.http.Readiness;
import io.zohosync.adapters.postgres.PostgresAdapters;
import io.zohosync.adapters.zoho.ZohoAdapters;
import io.zohosync.ports.out.zoho.ZohoConnectionState;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Readiness: the database must answer; Zoho's state is shown, never a reason to be unready (the service accepts and stores work without it). */
final class Health {

    private static final Logger LOG = LoggerFactory.getLogger(Health.class);

    private Health() {}

    static List<Readiness> checks(PostgresAdapters pg, ZohoAdapters zoho) {
        return List.of(
                new Readiness("database", () -> pg.ping().map(new JsonObject()).recover(Health::databaseDown)),
                new Readiness("zoho", () -> zoho.loadConnection().map(Health::zohoDetails)));
    }

    private static JsonObject zohoDetails(ZohoConnectionState state) {
        JsonObject details = new JsonObject()
                .put("status", state.status().name().toLowerCase(Locale.ROOT))
                .put("detail", state.detail())
                .put("degraded", !state.usable());
        state.circuits()
                .forEach((product, circuit) -> details.put(
                        "circuit_" + product.name().toLowerCase(Locale.ROOT),
                        circuit.name().toLowerCase(Locale.ROOT)));
        return details;
    }

    private static Future<JsonObject> databaseDown(Throwable error) {
        LOG.warn("readiness: the database does not answer: {}", error.toString());
        return Future.failedFuture("the database does not answer");
    }
}
