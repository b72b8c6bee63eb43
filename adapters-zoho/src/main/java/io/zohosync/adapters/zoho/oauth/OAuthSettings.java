package io.zohosync.adapters.zoho.oauth;

import java.time.Duration;

/**
 * What the OAuth side needs of the adapter's configuration (the public shape is {@code ZohoSettings}). {@code apiUrl}
 * overrides the API host (the sandbox); otherwise the token's {@code api_domain} is used, then {@code dataCentreApiUrl}.
 * {@code accountsUrlConfigured}: {@code accountsUrl} was configured (the sandbox, a proxy) rather than the data centre's,
 * and so overrides the accounts server stored with the tokens as {@code apiUrl} overrides their API domain.
 * {@code toString} hides the client secret and the refresh token.
 */
public record OAuthSettings(
        String clientId,
        String clientSecret,
        String accountsUrl,
        boolean accountsUrlConfigured,
        String apiUrl,
        String dataCentreApiUrl,
        String refreshToken,
        String redirectUri,
        String connectionId,
        Duration requestTimeout,
        Duration refreshAhead,
        AccountsServers zohoAccountsServers) {

    @Override
    public String toString() {
        return "OAuthSettings[clientId=" + clientId + ", clientSecret=***, accountsUrl=" + accountsUrl + ", apiUrl="
                + apiUrl + ", refreshToken=" + (refreshToken == null ? "none" : "***") + ", connectionId="
                + connectionId + "]";
    }
}
