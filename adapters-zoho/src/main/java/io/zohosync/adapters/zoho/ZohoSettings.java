package io.zohosync.adapters.zoho;

import io.zohosync.adapters.zoho.call.ApiSettings;
import io.zohosync.adapters.zoho.oauth.OAuthSettings;
import io.zohosync.ports.out.zoho.ZohoApiLimits;
import io.zohosync.ports.out.zoho.ZohoProduct;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of the Zoho adapter. {@code accountsUrl} and {@code apiUrl} override the data centre's
 * hosts (the sandbox); otherwise the API host comes from the token response's {@code api_domain}.
 * {@code refreshToken} may be null when the organization is connected through the admin flow.
 */
public record ZohoSettings(
        DataCentre dataCentre,
        String accountsUrl,
        String apiUrl,
        String clientId,
        String clientSecret,
        String refreshToken,
        String redirectUri,
        String connectionId,
        String booksOrganizationId,
        String billingOrganizationId,
        String inventoryOrganizationId,
        Duration requestTimeout,
        Duration refreshAhead,
        Map<ZohoProduct, ZohoApiLimits> limits,
        Duration breakerReset,
        int breakerFailures) {

    public ZohoSettings {
        Objects.requireNonNull(dataCentre, "dataCentre");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        accountsUrl = trimSlash(accountsUrl == null ? dataCentre.accountsUrl() : accountsUrl);
        apiUrl = apiUrl == null ? null : trimSlash(apiUrl);
        connectionId = connectionId == null ? "default" : connectionId;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(30) : requestTimeout;
        refreshAhead = refreshAhead == null ? Duration.ofMinutes(5) : refreshAhead;
        Map<ZohoProduct, ZohoApiLimits> all = new EnumMap<>(ZohoProduct.class);
        for (ZohoProduct p : ZohoProduct.values()) {
            all.put(p, limits != null && limits.containsKey(p) ? limits.get(p) : ZohoApiLimits.defaults(p));
        }
        limits = Map.copyOf(all);
        breakerReset = breakerReset == null ? Duration.ofSeconds(30) : breakerReset;
        breakerFailures = breakerFailures < 1 ? 5 : breakerFailures;
    }

    public static Builder builder(DataCentre dataCentre, String clientId, String clientSecret) {
        return new Builder(dataCentre, clientId, clientSecret);
    }

    /** The organization id Zoho expects for {@code product}; CRM tokens are bound to their org, so the connection stands in. */
    String organizationId(ZohoProduct product) {
        return switch (product) {
            case BOOKS -> booksOrganizationId;
            case BILLING -> billingOrganizationId;
            case INVENTORY -> inventoryOrganizationId;
            case CRM -> connectionId;
        };
    }

    /** What the OAuth side needs of these settings. */
    OAuthSettings oauth() {
        return new OAuthSettings(
                clientId,
                clientSecret,
                accountsUrl,
                !accountsUrl.equals(trimSlash(dataCentre.accountsUrl())),
                apiUrl,
                dataCentre.apiUrl(),
                refreshToken,
                redirectUri,
                connectionId,
                requestTimeout,
                refreshAhead,
                DataCentre.accountsServers());
    }

    /** What the call path needs of these settings. */
    ApiSettings api() {
        Map<ZohoProduct, String> organizations = new EnumMap<>(ZohoProduct.class);
        for (ZohoProduct p : ZohoProduct.values()) {
            if (organizationId(p) != null) {
                organizations.put(p, organizationId(p));
            }
        }
        return new ApiSettings(requestTimeout, organizations, limits);
    }

    private static String trimSlash(String url) {
        return url.replaceAll("/+$", "");
    }

    /** Builds {@link ZohoSettings}; unset values take the defaults listed on the record. */
    public static final class Builder {
        private final DataCentre dataCentre;
        private final String clientId;
        private final String clientSecret;
        private String accountsUrl;
        private String apiUrl;
        private String refreshToken;
        private String redirectUri;
        private String connectionId;
        private String booksOrganizationId;
        private String billingOrganizationId;
        private String inventoryOrganizationId;
        private Duration requestTimeout;
        private Duration refreshAhead;
        private final Map<ZohoProduct, ZohoApiLimits> limits = new EnumMap<>(ZohoProduct.class);
        private Duration breakerReset;
        private int breakerFailures;

        private Builder(DataCentre dataCentre, String clientId, String clientSecret) {
            this.dataCentre = dataCentre;
            this.clientId = clientId;
            this.clientSecret = clientSecret;
        }

        /** Serve both accounts and API from one base URL (the sandbox). */
        public Builder baseUrl(String url) {
            this.accountsUrl = url;
            this.apiUrl = url;
            return this;
        }

        public Builder accountsUrl(String url) {
            this.accountsUrl = url;
            return this;
        }

        public Builder apiUrl(String url) {
            this.apiUrl = url;
            return this;
        }

        public Builder refreshToken(String token) {
            this.refreshToken = token;
            return this;
        }

        public Builder redirectUri(String uri) {
            this.redirectUri = uri;
            return this;
        }

        public Builder connectionId(String id) {
            this.connectionId = id;
            return this;
        }

        public Builder booksOrganizationId(String id) {
            this.booksOrganizationId = id;
            return this;
        }

        public Builder billingOrganizationId(String id) {
            this.billingOrganizationId = id;
            return this;
        }

        public Builder inventoryOrganizationId(String id) {
            this.inventoryOrganizationId = id;
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        public Builder refreshAhead(Duration ahead) {
            this.refreshAhead = ahead;
            return this;
        }

        public Builder limits(ZohoProduct product, ZohoApiLimits l) {
            this.limits.put(product, l);
            return this;
        }

        public Builder breaker(int failures, Duration reset) {
            this.breakerFailures = failures;
            this.breakerReset = reset;
            return this;
        }

        public ZohoSettings build() {
            return new ZohoSettings(
                    dataCentre,
                    accountsUrl,
                    apiUrl,
                    clientId,
                    clientSecret,
                    refreshToken,
                    redirectUri,
                    connectionId,
                    booksOrganizationId,
                    billingOrganizationId,
                    inventoryOrganizationId,
                    requestTimeout,
                    refreshAhead,
                    limits,
                    breakerReset,
                    breakerFailures);
        }
    }

    @Override
    public String toString() {
        return "ZohoSettings[dataCentre=" + dataCentre + ", accountsUrl=" + accountsUrl + ", apiUrl=" + apiUrl
                + ", clientId=" + clientId + ", clientSecret=***, refreshToken="
                + (refreshToken == null ? "none" : "***")
                + ", connectionId=" + connectionId + "]";
    }
}
