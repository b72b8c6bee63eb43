package io.zohosync.bootstrap;

import io.zohosync.adapters.alerts.PlatformWebhookSettings;
import io.zohosync.adapters.alerts.SmtpSettings;
import io.zohosync.adapters.alerts.WebhookSettings;
import io.zohosync.adapters.http.webhooks.StripeWebhookSettings;
import io.zohosync.domain.alert.AlertThresholds;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.outbox.DeliverySchedule;
import io.zohosync.domain.sync.RetryPolicy;
import io.zohosync.ports.flows.crm.InquiryCrmHandler;
import io.zohosync.ports.out.zoho.CrmFields;
import io.zohosync.ports.out.zoho.ZohoApiLimits;
import io.zohosync.ports.out.zoho.ZohoProduct;
import io.zohosync.ports.outbound.WebhookSigner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service's configuration, read from environment variables (names in the README's table).
 * The seed deployments' names ({@code ZOHO_CLIENT_ID}, {@code ENABLE_ZOHO_SYNC}, …) are accepted
 * beside the {@code ZSYNC_} ones; the {@code ZSYNC_} name wins when both are set.
 */
record Config(
        String httpHost,
        int httpPort,
        Optional<String> publicUrl,
        Path dataDir,
        Optional<String> databaseUrl,
        int databasePoolSize,
        Optional<ZohoCredentials> zoho,
        String zohoRegion,
        Optional<String> zohoAccountsUrl,
        Optional<String> zohoApiUrl,
        Duration zohoTimeout,
        ZohoApiLimits booksLimits,
        boolean syncEnabled,
        Set<String> apiKeys,
        Optional<String> adminToken,
        Optional<String> tokenKeys,
        long bodyLimitBytes,
        Duration httpIdleTimeout,
        int httpMaxInFlight,
        Optional<String> metricsToken,
        Duration pollInterval,
        int batchSize,
        Duration lease,
        int maxAttempts,
        Duration retryBase,
        Duration retryCap,
        Duration transientRetryWindow,
        boolean linkNewByEmail,
        boolean matchReturningByName,
        Map<EntityType, List<SyncTarget>> targets,
        Duration prerequisiteRecheck,
        Duration prerequisiteWait,
        Duration permitHeartbeat,
        Optional<StripeWebhookSettings> stripe,
        Alerts alerts,
        Optional<WorkerSchedule> schedule,
        Optional<Duration> reconcileEvery,
        Outbox outbox,
        StockSettings stock,
        Crm crm,
        BillingInSettings billingIn,
        BillingSettings billing,
        Duration contactIndexRefresh) {

    Config {
        // an admin action that reads Zoho (the contact search, a hand link) waits up to a Zoho call's timeout: the
        // connection must outlast it, or a Zoho that does not answer leaves the admin with no answer at all
        if (httpIdleTimeout.compareTo(zohoTimeout) <= 0) {
            throw new ConfigException("ZSYNC_HTTP_IDLE_TIMEOUT_MS (" + httpIdleTimeout.toMillis()
                    + ") must be longer than ZSYNC_ZOHO_TIMEOUT_MS (" + zohoTimeout.toMillis()
                    + "): an admin action waiting on Zoho would lose its connection before its answer");
        }
    }

    /**
     * The platform's outbound webhooks (README "Outbound webhooks"): where they go (none: messages stay pending), the
     * {@code whsec_} signing secret (none: a demo one, or a refusal when Zoho is connected), how often the outbox is
     * polled and the retry schedule.
     */
    record Outbox(
            Optional<PlatformWebhookSettings> url, Optional<String> secret, Duration poll, DeliverySchedule schedule) {
        @Override
        public String toString() {
            return "Outbox[url=" + url.map(Object::toString).orElse("none") + ", secret="
                    + secret.map(x -> "***").orElse("none") + ", poll=" + poll + ", schedule=" + schedule.delays()
                    + "]";
        }
    }

    /**
     * CRM (issue 11): the custom field holding a contact's platform id ({@code ZSYNC_CRM_PLATFORM_ID_FIELD}, none by
     * default), the Lead_Source written ({@code ZSYNC_CRM_LEAD_SOURCE}), what an inquiry from a contact becomes
     * ({@code ZSYNC_CRM_INQUIRY_FROM_CONTACT}: note or task) and the batches' flush window ({@code ZSYNC_CRM_FLUSH_MS}).
     */
    record Crm(CrmFields fields, InquiryCrmHandler.FromContact fromContact, Duration flush) {}

    /**
     * Alerts (README "Alerts"): where they go (email, webhook, both; neither: none are sent), when a condition is an
     * incident and how long it must stay clear to be resolved, and how often the service looks.
     */
    record Alerts(
            Optional<SmtpSettings> smtp,
            Optional<WebhookSettings> webhook,
            AlertThresholds thresholds,
            Duration interval) {

        boolean enabled() {
            return smtp.isPresent() || webhook.isPresent();
        }

        @Override
        public String toString() {
            return "Alerts[email=" + smtp.map(Object::toString).orElse("none") + ", webhook="
                    + webhook.map(Object::toString).orElse("none") + ", " + thresholds + ", every " + interval + "]";
        }
    }

    /** What connects the service to a real Zoho organization; {@code refreshToken} is null until the consent flow provides one. */
    record ZohoCredentials(String clientId, String clientSecret, String refreshToken, String organizationId) {
        @Override
        public String toString() {
            return "ZohoCredentials[clientId=" + clientId + ", clientSecret=***, refreshToken="
                    + (refreshToken == null ? "none" : "***")
                    + ", organizationId="
                    + organizationId + "]";
        }
    }

    static Config fromEnvironment(Map<String, String> env) {
        Reader r = new Reader(env);
        return new Config(
                r.text("ZSYNC_HTTP_HOST", null).orElse("0.0.0.0"),
                r.integer("ZSYNC_HTTP_PORT", 8080),
                r.text("ZSYNC_PUBLIC_URL", null),
                Path.of(r.text("ZSYNC_DATA_DIR", null).orElse(".zoho-sync")),
                r.text("ZSYNC_DATABASE_URL", "DATABASE_URL"),
                r.integer("ZSYNC_DATABASE_POOL_SIZE", 10),
                zoho(r),
                r.text("ZSYNC_ZOHO_REGION", "ZOHO_REGION").orElse("us").toLowerCase(Locale.ROOT),
                r.text("ZSYNC_ZOHO_ACCOUNTS_URL", null),
                r.text("ZSYNC_ZOHO_API_URL", null),
                Duration.ofMillis(r.positive("ZSYNC_ZOHO_TIMEOUT_MS", 30_000)),
                booksLimits(r),
                r.bool("ZSYNC_ENABLE_SYNC", "ENABLE_ZOHO_SYNC", true),
                r.list("ZSYNC_API_KEYS"),
                r.text("ZSYNC_ADMIN_TOKEN", null),
                r.text("ZSYNC_TOKEN_KEYS", null),
                r.integer("ZSYNC_MAX_BODY_BYTES", 64 * 1024),
                Duration.ofMillis(r.positive("ZSYNC_HTTP_IDLE_TIMEOUT_MS", 45_000)),
                r.positive("ZSYNC_HTTP_MAX_IN_FLIGHT", 256),
                r.text("ZSYNC_METRICS_TOKEN", null),
                Duration.ofMillis(r.integer("ZSYNC_POLL_INTERVAL_MS", 1000)),
                r.integer("ZSYNC_WORKER_BATCH", 5),
                Duration.ofSeconds(r.integer("ZSYNC_LEASE_SECONDS", 120)),
                r.integer("ZSYNC_MAX_ATTEMPTS", 3),
                Duration.ofSeconds(r.integer("ZSYNC_RETRY_BASE_SECONDS", 30)),
                Duration.ofSeconds(r.integer("ZSYNC_RETRY_CAP_SECONDS", 3600)),
                transientRetryWindow(r),
                r.bool("ZSYNC_LINK_NEW_BY_EMAIL", null, true),
                r.bool("ZSYNC_MATCH_RETURNING_BY_NAME", null, true),
                targets(r),
                Duration.ofSeconds(r.positive("ZSYNC_PREREQUISITE_RECHECK_SECONDS", 300)),
                Duration.ofHours(r.positive("ZSYNC_PREREQUISITE_WAIT_HOURS", 24)),
                Duration.ofSeconds(r.positive("ZSYNC_PERMIT_HEARTBEAT_SECONDS", 2)),
                stripe(r),
                alerts(r),
                WorkerSchedule.parse(r.text("ZSYNC_SCHEDULE", null), r.text("ZSYNC_SCHEDULE_MAX", null)),
                reconcileEvery(r),
                outbox(r),
                StockSettings.from(env),
                crm(r),
                BillingInSettings.from(env),
                BillingSettings.from(env),
                // issue 14: how often the Books contact index lists the contacts modified since (0: before every match)
                Duration.ofSeconds(r.integer("ZSYNC_CONTACT_INDEX_REFRESH_SECONDS", 30)));
    }

    /**
     * {@code ZSYNC_PLATFORM_WEBHOOK_URL} and {@code ZSYNC_PLATFORM_WEBHOOK_SECRET} ({@code whsec_<base64 key>}),
     * {@code ZSYNC_OUTBOX_POLL_MS} (default 1000), {@code ZSYNC_OUTBOX_BACKOFF} (the delays between attempts, default
     * the Standard Webhooks schedule {@code 5s,5m,30m,2h,5h,10h,10h}).
     */
    private static Outbox outbox(Reader r) {
        Optional<String> secret = r.text("ZSYNC_PLATFORM_WEBHOOK_SECRET", null);
        try {
            secret.ifPresent(WebhookSigner::of);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("ZSYNC_PLATFORM_WEBHOOK_SECRET: " + e.getMessage()
                    + " (whsec_ and a base64 key of 24 to 64 random bytes, e.g. whsec_$(openssl rand -base64 32))");
        }
        Optional<PlatformWebhookSettings> url;
        try {
            url = r.text("ZSYNC_PLATFORM_WEBHOOK_URL", null).map(PlatformWebhookSettings::of);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("ZSYNC_PLATFORM_WEBHOOK_URL: " + e.getMessage());
        }
        DeliverySchedule schedule;
        try {
            schedule = r.text("ZSYNC_OUTBOX_BACKOFF", null)
                    .map(DeliverySchedule::parse)
                    .orElse(DeliverySchedule.STANDARD);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("ZSYNC_OUTBOX_BACKOFF: " + e.getMessage());
        }
        return new Outbox(url, secret, Duration.ofMillis(r.positive("ZSYNC_OUTBOX_POLL_MS", 1000)), schedule);
    }

    private static Crm crm(Reader r) {
        Optional<String> field = r.text("ZSYNC_CRM_PLATFORM_ID_FIELD", null).map(String::trim);
        if (field.isPresent() && !field.get().matches("[A-Za-z][A-Za-z0-9_]{0,99}")) {
            throw new ConfigException(
                    "ZSYNC_CRM_PLATFORM_ID_FIELD must be a CRM field's API name, such as Platform_Id");
        }
        String from = r.text("ZSYNC_CRM_INQUIRY_FROM_CONTACT", null)
                .orElse("note")
                .trim()
                .toUpperCase(Locale.ROOT);
        if (!from.equals("NOTE") && !from.equals("TASK")) {
            throw new ConfigException("ZSYNC_CRM_INQUIRY_FROM_CONTACT must be note or task");
        }
        return new Crm(
                new CrmFields(
                        field.orElse(null),
                        r.text("ZSYNC_CRM_LEAD_SOURCE", null).orElse("Web Site")),
                InquiryCrmHandler.FromContact.valueOf(from),
                Duration.ofMillis(r.positive("ZSYNC_CRM_FLUSH_MS", 2000)));
    }

    /**
     * {@code ZSYNC_RECONCILE_EVERY}: how often the service reconciles Books by itself — a number and a unit ({@code s},
     * {@code m}, {@code h}, {@code d}: {@code 24h}, {@code 90m}), at least a minute; unset or {@code off}: never (the
     * default; the admin API and the {@code reconcile} command run one on demand).
     */
    private static Optional<Duration> reconcileEvery(Reader r) {
        Optional<String> raw =
                r.text("ZSYNC_RECONCILE_EVERY", null).map(v -> v.trim().toLowerCase(Locale.ROOT));
        if (raw.isEmpty() || raw.get().equals("off")) {
            return Optional.empty();
        }
        Matcher m = Pattern.compile("([0-9]{1,6})([smhd])").matcher(raw.get());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration every = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            if (every.compareTo(Duration.ofMinutes(1)) >= 0) {
                return Optional.of(every);
            }
        }
        throw new ConfigException("ZSYNC_RECONCILE_EVERY must be off or a duration of at least a minute such as 24h, "
                + "90m or 7d, not '" + raw.get() + "'");
    }

    /**
     * {@code ZSYNC_ALERT_*}: the email channel ({@code _SMTP_HOST}, {@code _SMTP_PORT}, {@code _SMTP_SSL},
     * {@code _SMTP_STARTTLS}, {@code _SMTP_USER}, {@code _SMTP_PASSWORD}, {@code _SMTP_FROM}, {@code _SMTP_TO}), the
     * webhook ({@code _WEBHOOK_URL}, {@code _WEBHOOK_FORMAT}), the thresholds ({@code _FAILED_THRESHOLD},
     * {@code _STUCK_MINUTES}, {@code _BUDGET_PERCENT}), the quiet period ({@code _QUIET_SECONDS}) and how often the
     * service looks ({@code _INTERVAL_SECONDS}).
     */
    private static Alerts alerts(Reader r) {
        AlertThresholds thresholds;
        try {
            thresholds = new AlertThresholds(
                    r.positive("ZSYNC_ALERT_FAILED_THRESHOLD", 1),
                    Duration.ofMinutes(r.positive("ZSYNC_ALERT_STUCK_MINUTES", 60)),
                    r.positive("ZSYNC_ALERT_BUDGET_PERCENT", 80),
                    Duration.ofSeconds(r.integer("ZSYNC_ALERT_QUIET_SECONDS", 1800)));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("ZSYNC_ALERT_*: " + e.getMessage());
        }
        return new Alerts(
                smtp(r), webhook(r), thresholds, Duration.ofSeconds(r.positive("ZSYNC_ALERT_INTERVAL_SECONDS", 60)));
    }

    private static final List<String> SMTP_NAMES = List.of(
            "ZSYNC_ALERT_SMTP_HOST",
            "ZSYNC_ALERT_SMTP_PORT",
            "ZSYNC_ALERT_SMTP_SSL",
            "ZSYNC_ALERT_SMTP_STARTTLS",
            "ZSYNC_ALERT_SMTP_USER",
            "ZSYNC_ALERT_SMTP_PASSWORD",
            "ZSYNC_ALERT_SMTP_FROM",
            "ZSYNC_ALERT_SMTP_TO");

    private static Optional<SmtpSettings> smtp(Reader r) {
        if (SMTP_NAMES.stream().allMatch(name -> r.text(name, null).isEmpty())) {
            return Optional.empty();
        }
        Optional<String> host = r.text("ZSYNC_ALERT_SMTP_HOST", null);
        Optional<String> from = r.text("ZSYNC_ALERT_SMTP_FROM", null);
        List<String> to = r.text("ZSYNC_ALERT_SMTP_TO", null).stream() // in the order given
                .flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::trim)
                .filter(a -> !a.isEmpty())
                .distinct()
                .toList();
        if (host.isEmpty() || from.isEmpty() || to.isEmpty()) {
            throw new ConfigException("email alerts are partly configured: set ZSYNC_ALERT_SMTP_HOST, "
                    + "ZSYNC_ALERT_SMTP_FROM and ZSYNC_ALERT_SMTP_TO together (with ZSYNC_ALERT_SMTP_USER and "
                    + "ZSYNC_ALERT_SMTP_PASSWORD if the server wants a login), or none of ZSYNC_ALERT_SMTP_*");
        }
        boolean ssl = r.bool("ZSYNC_ALERT_SMTP_SSL", null, false);
        SmtpSettings.StartTls startTls;
        String rawStartTls = r.text("ZSYNC_ALERT_SMTP_STARTTLS", null).orElse(ssl ? "disabled" : "required");
        try {
            startTls = SmtpSettings.StartTls.valueOf(rawStartTls.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(
                    "ZSYNC_ALERT_SMTP_STARTTLS must be required, optional or disabled, not '" + rawStartTls + "'");
        }
        try {
            return Optional.of(new SmtpSettings(
                    host.get(),
                    r.integer("ZSYNC_ALERT_SMTP_PORT", ssl ? 465 : 587),
                    ssl,
                    startTls,
                    r.text("ZSYNC_ALERT_SMTP_USER", null),
                    r.text("ZSYNC_ALERT_SMTP_PASSWORD", null),
                    from.get(),
                    to));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("ZSYNC_ALERT_SMTP_*: " + e.getMessage());
        }
    }

    /**
     * {@code ZSYNC_ALERT_WEBHOOK_URL}; {@code ZSYNC_ALERT_WEBHOOK_FORMAT} slack, discord or generic, by default
     * slack for a hooks.slack.com URL, discord for a discord.com one, generic otherwise.
     */
    private static Optional<WebhookSettings> webhook(Reader r) {
        Optional<String> url = r.text("ZSYNC_ALERT_WEBHOOK_URL", null);
        Optional<String> format = r.text("ZSYNC_ALERT_WEBHOOK_FORMAT", null);
        if (url.isEmpty()) {
            if (format.isPresent()) {
                throw new ConfigException("ZSYNC_ALERT_WEBHOOK_FORMAT is set but ZSYNC_ALERT_WEBHOOK_URL is not");
            }
            return Optional.empty();
        }
        try {
            WebhookSettings.Format chosen =
                    format.map(WebhookSettings.Format::fromWire).orElse(WebhookSettings.Format.GENERIC);
            WebhookSettings settings = WebhookSettings.of(url.get(), chosen);
            if (format.isEmpty()) {
                String host = settings.url().getHost().toLowerCase(Locale.ROOT);
                if (host.equals("hooks.slack.com")) {
                    return Optional.of(new WebhookSettings(settings.url(), WebhookSettings.Format.SLACK));
                }
                if (host.equals("discord.com") || host.equals("discordapp.com")) {
                    return Optional.of(new WebhookSettings(settings.url(), WebhookSettings.Format.DISCORD));
                }
            }
            return Optional.of(settings);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("ZSYNC_ALERT_WEBHOOK_*: " + e.getMessage());
        }
    }

    /**
     * {@code ZSYNC_STRIPE_WEBHOOK_SECRETS}: the webhook endpoint's signing secrets ({@code whsec_...}, comma-separated:
     * the old and the new one while Stripe rolls it); unset, {@code POST /webhooks/stripe} answers 404. The metadata
     * keys naming the platform customer and order: {@code ZSYNC_STRIPE_METADATA_CUSTOMER_KEY} (default
     * {@code customer_id}), {@code ZSYNC_STRIPE_METADATA_ORDER_KEY} (default {@code order_id}).
     */
    private static Optional<StripeWebhookSettings> stripe(Reader r) {
        Set<String> secrets = r.list("ZSYNC_STRIPE_WEBHOOK_SECRETS");
        if (secrets.isEmpty()) {
            return Optional.empty();
        }
        if (secrets.stream().anyMatch(s -> !s.startsWith("whsec_"))) {
            // an API key (sk_...) pasted here would verify nothing and say nothing about why
            throw new ConfigException(
                    "ZSYNC_STRIPE_WEBHOOK_SECRETS must hold webhook signing secrets, each starting with whsec_");
        }
        return Optional.of(new StripeWebhookSettings(
                List.copyOf(secrets),
                StripeWebhookSettings.DEFAULT_TOLERANCE,
                r.text("ZSYNC_STRIPE_METADATA_CUSTOMER_KEY", null).orElse(StripeWebhookSettings.DEFAULT_CUSTOMER_KEY),
                r.text("ZSYNC_STRIPE_METADATA_ORDER_KEY", null).orElse(StripeWebhookSettings.DEFAULT_ORDER_KEY)));
    }

    /**
     * {@code ZSYNC_TRANSIENT_RETRY_HOURS} (default 12, at most 720): how long one attempt keeps retrying transient
     * Zoho faults (outages, 5xx, timeouts, reset connections) before it counts as failed.
     */
    private static Duration transientRetryWindow(Reader r) {
        int hours = r.positive("ZSYNC_TRANSIENT_RETRY_HOURS", 12);
        if (hours > 720) {
            throw new ConfigException("ZSYNC_TRANSIENT_RETRY_HOURS must be at most 720 (30 days), not " + hours);
        }
        return Duration.ofHours(hours);
    }

    /** {@code ZSYNC_TARGETS=customer=books+crm,item=books}: where each entity type is kept; unnamed types keep every target a flow serves. */
    private static Map<EntityType, List<SyncTarget>> targets(Reader r) {
        Map<EntityType, List<SyncTarget>> targets = new EnumMap<>(EntityType.class);
        Optional<String> raw = r.text("ZSYNC_TARGETS", null);
        if (raw.isEmpty()) {
            return targets;
        }
        for (String entry : raw.get().split(",")) {
            String[] parts = entry.trim().split("=", 2);
            try {
                if (parts.length != 2 || parts[1].isBlank()) {
                    throw new IllegalArgumentException("'" + entry.trim() + "' is not type=target+target");
                }
                targets.put(
                        EntityType.fromWire(parts[0].trim()),
                        Arrays.stream(parts[1].split("\\+"))
                                .map(String::trim)
                                .map(SyncTarget::fromWire)
                                .distinct()
                                .toList());
            } catch (IllegalArgumentException e) {
                throw new ConfigException("ZSYNC_TARGETS: " + e.getMessage() + " (e.g. customer=books+crm,item=books)");
            }
        }
        return targets;
    }

    /** Books' allowance: defaults a little under Zoho's (100 a minute, the free plan's 1000 a day); lower them to leave room for others. */
    private static ZohoApiLimits booksLimits(Reader r) {
        ZohoApiLimits defaults = ZohoApiLimits.defaults(ZohoProduct.BOOKS);
        try {
            return new ZohoApiLimits(
                    r.integer("ZSYNC_BOOKS_CALLS_PER_MINUTE", defaults.perMinute()),
                    r.integer("ZSYNC_BOOKS_CALLS_PER_DAY", defaults.perDay()),
                    r.integer("ZSYNC_BOOKS_CONCURRENCY", defaults.concurrency()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("ZSYNC_BOOKS_*: " + e.getMessage());
        }
    }

    private static Optional<ZohoCredentials> zoho(Reader r) {
        Optional<String> id = r.text("ZSYNC_ZOHO_CLIENT_ID", "ZOHO_CLIENT_ID");
        Optional<String> secret = r.text("ZSYNC_ZOHO_CLIENT_SECRET", "ZOHO_CLIENT_SECRET");
        Optional<String> refresh = r.text("ZSYNC_ZOHO_REFRESH_TOKEN", "ZOHO_REFRESH_TOKEN");
        Optional<String> org = r.text("ZSYNC_ZOHO_ORGANIZATION_ID", "ZOHO_ORGANIZATION_ID");
        if (id.isEmpty() && secret.isEmpty() && refresh.isEmpty() && org.isEmpty()) {
            return Optional.empty();
        }
        if (id.isEmpty() || secret.isEmpty() || org.isEmpty()) {
            throw new ConfigException(
                    "Zoho is partly configured: set ZSYNC_ZOHO_CLIENT_ID, ZSYNC_ZOHO_CLIENT_SECRET and "
                            + "ZSYNC_ZOHO_ORGANIZATION_ID together, with ZSYNC_ZOHO_REFRESH_TOKEN unless you connect through the "
                            + "consent page; or none of them to use the sandbox");
        }
        return Optional.of(new ZohoCredentials(id.get(), secret.get(), refresh.orElse(null), org.get()));
    }

    /** The retry rules the state machine applies: the service's and the commands' one reading of them. */
    RetryPolicy retryPolicy() {
        return new RetryPolicy(maxAttempts, retryBase, retryCap, transientRetryWindow);
    }

    /** Secrets (keys, tokens, the database password) show as {@code ***}. */
    @Override
    public String toString() {
        return "Config[http=" + httpHost + ":" + httpPort + ", dataDir=" + dataDir
                + ", database="
                + databaseUrl
                        .map(url -> url.replaceAll("//[^@/]*@", "//***@").replaceAll("password=[^&]*", "password=***"))
                        .orElse("embedded")
                + ", zoho=" + zoho.map(Object::toString).orElse("sandbox") + ", region=" + zohoRegion
                + ", syncEnabled=" + syncEnabled + ", apiKeys=" + apiKeys.size() + " x ***, adminToken="
                + adminToken.map(t -> "***").orElse("none") + ", tokenKeys="
                + tokenKeys.map(t -> "***").orElse("none") + ", metricsToken="
                + metricsToken.map(t -> "***").orElse("none") + ", stripe="
                + stripe.map(Object::toString).orElse("none") + ", alerts=" + alerts + ", " + outbox + ", stock="
                + stock + "]";
    }

    /** A configuration mistake, reported at start-up in one sentence. */
    static final class ConfigException extends RuntimeException {
        ConfigException(String message) {
            super(message);
        }
    }

    private record Reader(Map<String, String> env) {

        Optional<String> text(String name, String seedName) {
            String value = env.get(name);
            if ((value == null || value.isBlank()) && seedName != null) {
                value = env.get(seedName);
            }
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
        }

        int integer(String name, int fallback) {
            Optional<String> raw = text(name, null);
            try {
                return raw.map(Integer::parseInt).orElse(fallback);
            } catch (NumberFormatException e) {
                throw new ConfigException(name + " must be a whole number, not '" + raw.get() + "'");
            }
        }

        int positive(String name, int fallback) {
            int value = integer(name, fallback);
            if (value < 1) {
                throw new ConfigException(name + " must be at least 1, not " + value);
            }
            return value;
        }

        boolean bool(String name, String seedName, boolean fallback) {
            Optional<String> raw = text(name, seedName);
            if (raw.isEmpty()) {
                return fallback;
            }
            return switch (raw.get().toLowerCase(Locale.ROOT)) {
                case "true", "1", "yes", "on" -> true;
                case "false", "0", "no", "off" -> false;
                default -> throw new ConfigException(name + " must be true or false, not '" + raw.get() + "'");
            };
        }

        Set<String> list(String name) {
            return text(name, null)
                    .map(v -> new LinkedHashSet<>(Arrays.stream(v.split(","))
                            .map(String::trim)
                            .filter(s -> !s.isEmpty())
                            .toList()))
                    .map(Set::copyOf)
                    .orElse(Set.of());
        }
    }
}
