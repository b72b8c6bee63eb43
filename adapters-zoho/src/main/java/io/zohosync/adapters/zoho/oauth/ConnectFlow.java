package io.zohosync.adapters.zoho.oauth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.auth.oauth2.OAuth2Auth;
import io.vertx.ext.auth.oauth2.OAuth2AuthorizationURL;
import io.vertx.ext.auth.oauth2.OAuth2Options;
import io.zohosync.ports.out.zoho.ZohoAuthorization;
import io.zohosync.ports.out.zoho.ZohoConnectionState;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoProduct;
import io.zohosync.ports.out.zoho.ZohoTokens;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Zoho's authorization-code flow: the consent URL comes from vertx-auth-oauth2 (comma-separated scopes,
 * as Zoho wants them); the code is exchanged by hand at the callback's accounts server, which must be
 * one of Zoho's (or the configured override), so the client secret is never sent anywhere else.
 */
public final class ConnectFlow implements ZohoAuthorization {

    private final OAuthSettings settings;
    private final OAuth2Auth oauth2;
    private final AccountsClient accounts;
    private final OAuthTokens tokens;
    private final Clock clock;
    private final Supplier<ZohoConnectionState> state;

    public ConnectFlow(
            Vertx vertx,
            OAuthSettings settings,
            AccountsClient accounts,
            OAuthTokens tokens,
            Clock clock,
            Supplier<ZohoConnectionState> state) {
        this.settings = settings;
        this.accounts = accounts;
        this.tokens = tokens;
        this.clock = clock;
        this.state = state;
        this.oauth2 = OAuth2Auth.create(
                vertx,
                new OAuth2Options()
                        .setClientId(settings.clientId())
                        .setSite(settings.accountsUrl())
                        .setAuthorizationPath("/oauth/v2/auth")
                        .setTokenPath("/oauth/v2/token")
                        .setScopeSeparator(","));
    }

    static List<String> scopes(Iterable<ZohoProduct> products) {
        List<String> scopes = new ArrayList<>();
        for (ZohoProduct product : products) {
            switch (product) {
                case BOOKS ->
                    scopes.addAll(List.of(
                            "ZohoBooks.contacts.ALL",
                            "ZohoBooks.invoices.ALL",
                            "ZohoBooks.customerpayments.ALL",
                            "ZohoBooks.creditnotes.ALL",
                            "ZohoBooks.estimates.ALL",
                            "ZohoBooks.settings.ALL"));
                case BILLING ->
                    scopes.addAll(List.of(
                            "ZohoSubscriptions.customers.ALL",
                            "ZohoSubscriptions.subscriptions.ALL",
                            "ZohoSubscriptions.invoices.ALL",
                            "ZohoSubscriptions.payments.ALL",
                            "ZohoSubscriptions.hostedpages.ALL",
                            "ZohoSubscriptions.plans.READ",
                            "ZohoSubscriptions.addons.READ"));
                // an inquiry from a known contact becomes a note or a task (ZSYNC_CRM_INQUIRY_FROM_CONTACT)
                case CRM ->
                    scopes.addAll(List.of(
                            "ZohoCRM.modules.contacts.ALL",
                            "ZohoCRM.modules.leads.ALL",
                            "ZohoCRM.modules.notes.ALL",
                            "ZohoCRM.modules.tasks.ALL"));
                case INVENTORY ->
                    scopes.addAll(List.of("ZohoInventory.inventoryadjustments.ALL", "ZohoInventory.items.READ"));
            }
        }
        return scopes;
    }

    @Override
    public String authorizeUrl(String state, Set<ZohoProduct> products) {
        return oauth2.authorizeURL(new OAuth2AuthorizationURL()
                .setRedirectUri(settings.redirectUri())
                .setScopes(scopes(products))
                .setState(state)
                .setPrompt("consent")
                .putAdditionalParameter("access_type", "offline"));
    }

    @Override
    public Future<ZohoOutcome<ZohoConnectionState>> connect(String code, String location, String accountsServer) {
        Optional<String> server = accountsServer(location, accountsServer);
        if (server.isEmpty()) {
            return Future.succeededFuture(
                    new ZohoOutcome.Validation<>("accounts-server", "not a Zoho accounts server: " + accountsServer));
        }
        Instant now = clock.instant();
        return accounts.exchange(server.get(), code, settings.redirectUri()).compose(answer -> {
            if (answer instanceof AccountsClient.Answer.Issued i && i.refreshToken() != null) {
                ZohoTokens fresh = new ZohoTokens(
                        i.refreshToken(),
                        i.accessToken(),
                        now.plus(i.expiresIn()),
                        i.apiDomain(),
                        server.get(),
                        List.of(),
                        null,
                        false);
                return tokens.connected(fresh).map(t -> new ZohoOutcome.Success<>(state.get()));
            }
            return Future.succeededFuture(refused(answer));
        });
    }

    private Optional<String> accountsServer(String location, String accountsServer) {
        if (accountsServer != null && !accountsServer.isBlank()) {
            String s = accountsServer.trim().replaceAll("/+$", "");
            return s.equalsIgnoreCase(settings.accountsUrl())
                    ? Optional.of(settings.accountsUrl())
                    : settings.zohoAccountsServers().at(s);
        }
        return Optional.of(settings.zohoAccountsServers().of(location).orElse(settings.accountsUrl()));
    }

    private static ZohoOutcome<ZohoConnectionState> refused(AccountsClient.Answer answer) {
        if (answer instanceof AccountsClient.Answer.Rejected r) {
            return new ZohoOutcome.AuthFailure<>("Zoho refused the authorization code: " + r.error());
        }
        if (answer instanceof AccountsClient.Answer.Throttled t) {
            return new ZohoOutcome.RateLimited<>(
                    ZohoOutcome.RateLimited.Scope.TOKEN_REFRESH, ZohoTokens.REFRESH_WINDOW, t.description());
        }
        if (answer instanceof AccountsClient.Answer.Failed f) {
            return new ZohoOutcome.Outage<>(f.message());
        }
        return new ZohoOutcome.AuthFailure<>(
                "Zoho issued no refresh token: was access_type=offline and prompt=consent sent?");
    }
}
