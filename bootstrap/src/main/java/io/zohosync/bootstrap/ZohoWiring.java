package io.zohosync.bootstrap;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.zohosync.adapters.postgres.zoho.TokenKeys;
import io.zohosync.adapters.postgres.zoho.ZohoPostgres;
import io.zohosync.adapters.zoho.DataCentre;
import io.zohosync.adapters.zoho.ZohoAdapters;
import io.zohosync.adapters.zoho.ZohoSettings;
import io.zohosync.ports.out.zoho.ZohoProduct;
import io.zohosync.sandbox.SandboxOptions;
import io.zohosync.sandbox.ZohoSandbox;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Zoho side of the composition: real Zoho when credentials are configured, otherwise the built-in sandbox
 * (loudly labelled); tokens encrypted in Postgres and the API budget counted there, so instances share both.
 */
final class ZohoWiring {

    private static final Logger LOG = LoggerFactory.getLogger(ZohoWiring.class);
    /**
     * How many heartbeats an instance may miss before the slots it holds count no more: a small multiple, so a
     * killed instance's slots come back within seconds while a slow heartbeat or two loses nothing.
     */
    static final int HEARTBEATS_TO_DEATH = 3;

    private ZohoWiring() {}

    /** The Zoho adapters; {@code onStop} is told how to stop what was started (the sandbox, the client). */
    static Future<ZohoAdapters> start(
            Vertx vertx, Config config, Pool pool, String tokenKeys, Consumer<Supplier<Future<?>>> onStop) {
        return settings(vertx, config, onStop).map(settings -> {
            TokenKeys keys;
            try {
                keys = TokenKeys.parse(tokenKeys);
            } catch (IllegalArgumentException e) {
                throw new Config.ConfigException("ZSYNC_TOKEN_KEYS: " + e.getMessage());
            }
            String holder = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
            ZohoAdapters zoho = ZohoAdapters.create(
                    vertx,
                    settings,
                    ZohoPostgres.tokenStore(pool, keys),
                    ZohoPostgres.budget(pool, holder, config.permitHeartbeat().multipliedBy(HEARTBEATS_TO_DEATH)),
                    Clock.systemUTC());
            long heartbeats = vertx.setPeriodic(
                    config.permitHeartbeat().toMillis(),
                    id -> zoho.heartbeat()
                            .onFailure(e -> LOG.warn("API budget heartbeat of {} failed: {}", holder, e.toString())));
            onStop.accept(() -> {
                vertx.cancelTimer(heartbeats);
                zoho.close();
                return Future.succeededFuture();
            });
            return zoho;
        });
    }

    private static Future<ZohoSettings> settings(Vertx vertx, Config config, Consumer<Supplier<Future<?>>> onStop) {
        if (config.zoho().isPresent()) {
            Config.ZohoCredentials zoho = config.zoho().get();
            ZohoSettings.Builder settings = ZohoSettings.builder(region(config), zoho.clientId(), zoho.clientSecret())
                    .refreshToken(zoho.refreshToken())
                    .booksOrganizationId(zoho.organizationId())
                    // Inventory shares the Books organization (issue 11; UNCONFIRMED in Zoho's text)
                    .inventoryOrganizationId(zoho.organizationId())
                    .billingOrganizationId(config.billing().organizationId().orElse(zoho.organizationId()))
                    .limits(ZohoProduct.BOOKS, config.booksLimits())
                    .redirectUri(callbackUrl(config));
            config.zohoAccountsUrl().ifPresent(settings::accountsUrl);
            config.zohoApiUrl().ifPresent(settings::apiUrl);
            settings.requestTimeout(config.zohoTimeout());
            return Future.succeededFuture(settings.build());
        }
        return ZohoSandbox.start(vertx, SandboxOptions.defaults()).map(sandbox -> {
            onStop.accept(sandbox::close);
            sandbox.control().baseCurrency("ZAR"); // the walk-through's organization bills in rand (README)
            LOG.warn(
                    "*** NO ZOHO CREDENTIALS: talking to the built-in Zoho SANDBOX at {}, NOT to Zoho. Nothing reaches "
                            + "your books. Set ZSYNC_ZOHO_CLIENT_ID, _CLIENT_SECRET, _REFRESH_TOKEN and _ORGANIZATION_ID to sync "
                            + "with Zoho. ***",
                    sandbox.baseUrl());
            return ZohoSettings.builder(DataCentre.US, SandboxOptions.DEMO_CLIENT_ID, SandboxOptions.DEMO_CLIENT_SECRET)
                    .baseUrl(sandbox.baseUrl())
                    .refreshToken(SandboxOptions.DEMO_REFRESH_TOKEN)
                    .booksOrganizationId(SandboxOptions.DEMO_ORGANIZATION_ID)
                    .inventoryOrganizationId(SandboxOptions.DEMO_ORGANIZATION_ID)
                    .billingOrganizationId(SandboxOptions.DEMO_ORGANIZATION_ID)
                    .limits(ZohoProduct.BOOKS, config.booksLimits())
                    .requestTimeout(config.zohoTimeout())
                    .redirectUri(callbackUrl(config))
                    .build();
        });
    }

    /** Where Zoho sends the admin back after consent; register exactly this URI in Zoho's API console. */
    private static String callbackUrl(Config config) {
        return config.publicUrl()
                        .orElse("http://localhost:" + config.httpPort())
                        .replaceAll("/+$", "") + "/admin/zoho/callback";
    }

    private static DataCentre region(Config config) {
        try {
            return DataCentre.valueOf(config.zohoRegion().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Config.ConfigException("ZSYNC_ZOHO_REGION must be one of us, eu, in, au, jp, ca, cn, sa; not '"
                    + config.zohoRegion() + "'");
        }
    }
}
