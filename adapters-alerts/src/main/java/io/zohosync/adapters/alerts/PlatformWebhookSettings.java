package io.zohosync.adapters.alerts;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Where the platform's outbound webhooks go ({@code url}, http or https) and how long a delivery waits to connect, for
 * the answer's next bytes ({@code responseTimeout}) and in all ({@code total}). {@code toString} shows only scheme and host.
 */
public record PlatformWebhookSettings(URI url, Duration connectTimeout, Duration responseTimeout, Duration total) {

    /** The Standard Webhooks specification recommends 15 to 30 seconds for the receiver to answer. */
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(15);

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * A delivery's overall deadline, connecting and a trickled answer included: well below the outbox's 2-minute lease,
     * so no other instance takes the message while this one still waits.
     */
    public static final Duration DEFAULT_TOTAL = Duration.ofSeconds(30);

    /** With the overall deadline of {@link #DEFAULT_TOTAL}. */
    public PlatformWebhookSettings(URI url, Duration connectTimeout, Duration responseTimeout) {
        this(url, connectTimeout, responseTimeout, DEFAULT_TOTAL);
    }

    public PlatformWebhookSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(responseTimeout, "responseTimeout");
        Objects.requireNonNull(total, "total");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!url.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new IllegalArgumentException("the URL must be an absolute http or https URL with a host");
        }
    }

    /** Parses {@code url} with the default timeouts; a malformed one is refused without being repeated. */
    public static PlatformWebhookSettings of(String url) {
        try {
            return new PlatformWebhookSettings(new URI(url.trim()), DEFAULT_CONNECT_TIMEOUT, DEFAULT_RESPONSE_TIMEOUT);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the URL is malformed (" + e.getReason() + ")");
        }
    }

    @Override
    public String toString() {
        return "PlatformWebhookSettings[" + url.getScheme() + "://" + url.getHost() + "/***]";
    }
}
