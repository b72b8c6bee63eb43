package io.zohosync.ports.out.zoho;

import io.vertx.core.Future;
import java.util.Set;

/**
 * Outbound port: connecting a Zoho organization through Zoho's consent page (design.md §9).
 * The admin is sent to {@link #authorizeUrl}; Zoho redirects back with {@code code}, {@code location}
 * and {@code accounts-server}, which {@link #connect} exchanges for tokens at that accounts server.
 */
public interface ZohoAuthorization {

    /**
     * Zoho's consent page: the scopes of {@code products} (those the service writes to), offline access, the consent
     * prompt and {@code state}.
     */
    String authorizeUrl(String state, Set<ZohoProduct> products);

    /**
     * Exchanges the callback's code. Success carries the new connection state; AuthFailure when Zoho refused
     * the code (invalid_code: expired, used or from another client); Validation when the accounts server
     * is not one of Zoho's.
     */
    Future<ZohoOutcome<ZohoConnectionState>> connect(String code, String location, String accountsServer);
}
