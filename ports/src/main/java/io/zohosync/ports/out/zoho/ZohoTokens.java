package io.zohosync.ports.out.zoho;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Value: one Zoho connection's OAuth state as the token store keeps it. {@code refreshedAt} holds the
 * refreshes of the last ten minutes (Zoho allows ten per refresh token; the service takes at most nine).
 * {@code toString} never prints a token.
 */
public record ZohoTokens(
        String refreshToken,
        String accessToken,
        Instant accessTokenExpiresAt,
        String apiDomain,
        String accountsServer,
        List<Instant> refreshedAt,
        Instant coolDownUntil,
        boolean reconnectNeeded) {

    public static final Duration REFRESH_WINDOW = Duration.ofMinutes(10);

    public ZohoTokens {
        refreshedAt = List.copyOf(Objects.requireNonNullElse(refreshedAt, List.of()));
    }

    /** A connection known only by its refresh token (from configuration or a code exchange). */
    public static ZohoTokens ofRefreshToken(String refreshToken, String apiDomain, String accountsServer) {
        return new ZohoTokens(refreshToken, null, null, apiDomain, accountsServer, List.of(), null, false);
    }

    /** Whether the access token is present and valid for at least {@code margin} after {@code now}. */
    public boolean accessTokenValid(Instant now, Duration margin) {
        return accessToken != null
                && accessTokenExpiresAt != null
                && now.plus(margin).isBefore(accessTokenExpiresAt);
    }

    /** Refreshes of this refresh token within the ten minutes before {@code now}. */
    public List<Instant> refreshesWithinWindow(Instant now) {
        Instant from = now.minus(REFRESH_WINDOW);
        return refreshedAt.stream().filter(t -> t.isAfter(from)).toList();
    }

    @Override
    public String toString() {
        return "ZohoTokens[accessTokenExpiresAt=" + accessTokenExpiresAt + ", apiDomain=" + apiDomain
                + ", accountsServer=" + accountsServer + ", refreshes=" + refreshedAt.size()
                + ", coolDownUntil=" + coolDownUntil + ", reconnectNeeded=" + reconnectNeeded + "]";
    }
}
