package io.zohosync.ports.in;

import io.vertx.core.Future;
import io.zohosync.ports.out.zoho.ZohoConnectionState;

/** Inbound port: an admin connects (or reconnects) the Zoho organization through Zoho's consent page (design.md §9). */
public interface ConnectZohoUseCase {

    /** Where to send the admin's browser: Zoho's consent page, with a signed, single-use, short-lived {@code state}. */
    Future<String> consentUrl();

    /** Finishes the flow with what Zoho's redirect carried; the outcome says why it did not work when it did not. */
    Future<ConnectOutcome> finish(String code, String location, String accountsServer, String state);

    /** The connection as it stands (health and the admin page). */
    Future<ZohoConnectionState> connection();

    /** How a consent callback ended. */
    sealed interface ConnectOutcome {
        record Connected(ZohoConnectionState state) implements ConnectOutcome {}

        /** The callback is not one we started (forged, replayed, or older than the state's lifetime). */
        record InvalidState(String reason) implements ConnectOutcome {}

        /** Zoho refused the code (expired, used twice, another client) or the accounts server is not Zoho's. */
        record Refused(String code, String reason) implements ConnectOutcome {}
    }
}
