package io.zohosync.adapters.alerts;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/** Where alert webhooks go ({@code url}, http or https) and the JSON they carry ({@code format}). */
public record WebhookSettings(URI url, Format format) {

    /** Slack's incoming webhooks, Discord's webhooks, or a JSON object of the notice's fields for anything else. */
    public enum Format {
        SLACK,
        DISCORD,
        GENERIC;

        public static Format fromWire(String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the format must be slack, discord or generic, not '" + value + "'");
            }
        }
    }

    public WebhookSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(format, "format");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!url.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new IllegalArgumentException("the URL must be an absolute http or https URL with a host");
        }
    }

    /** Parses {@code url}; a malformed one is an {@link IllegalArgumentException} that does not repeat it. */
    public static WebhookSettings of(String url, Format format) {
        try {
            return new WebhookSettings(new URI(url.trim()), format);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("the URL is malformed (" + e.getReason() + ")");
        }
    }

    /** Only scheme and host: a chat webhook's path is its secret. */
    @Override
    public String toString() {
        return "WebhookSettings[" + url.getScheme() + "://" + url.getHost() + "/***, format="
                + format.name().toLowerCase(Locale.ROOT) + "]";
    }
}
