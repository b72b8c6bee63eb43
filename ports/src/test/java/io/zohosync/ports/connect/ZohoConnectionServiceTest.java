package io.zohosync.ports.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.zohosync.ports.in.ConnectZohoUseCase.ConnectOutcome;
import io.zohosync.ports.out.zoho.ZohoAuthorization;
import io.zohosync.ports.out.zoho.ZohoConnectionState;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoProduct;
import io.zohosync.ports.testing.InMemoryConsentStates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ZohoConnectionServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final ZohoConnectionState CONNECTED =
            new ZohoConnectionState(ZohoConnectionState.Status.CONNECTED, "connected", null, Map.of());

    private final FakeAuthorization zoho = new FakeAuthorization();
    private final InMemoryConsentStates states = new InMemoryConsentStates();
    private int wakeUps;

    @Test
    void the_consent_url_carries_a_signed_state_that_the_callback_accepts() {
        var service = service("admin-secret", NOW);
        String state = stateOf(service.consentUrl().result());

        ConnectOutcome outcome = service.finish("code-1", "eu", "https://accounts.zoho.eu", state)
                .result();

        assertThat(outcome).isEqualTo(new ConnectOutcome.Connected(CONNECTED));
        assertThat(zoho.exchanged).containsExactly("code-1 eu https://accounts.zoho.eu");
        assertThat(wakeUps).as("work deferred for the connection is woken").isEqualTo(1);
    }

    @Test
    void the_consent_asks_for_the_scopes_of_the_products_the_service_writes_to() {
        var service = new ZohoConnectionService(
                zoho,
                Set.of(ZohoProduct.BOOKS, ZohoProduct.CRM, ZohoProduct.INVENTORY),
                states,
                () -> Future.succeededFuture(CONNECTED),
                Future::succeededFuture,
                "admin-secret",
                Clock.fixed(NOW, ZoneOffset.UTC));

        service.consentUrl().result();

        assertThat(zoho.asked).containsExactly(Set.of(ZohoProduct.BOOKS, ZohoProduct.CRM, ZohoProduct.INVENTORY));
    }

    @Test
    void a_connection_that_failed_wakes_nothing_and_a_failed_wake_up_does_not_undo_the_connection() {
        var service = service("admin-secret", NOW);
        zoho.answer = new ZohoOutcome.AuthFailure<>("invalid_code");
        service.finish("used", "us", "x", stateOf(service.consentUrl().result()))
                .result();
        assertThat(wakeUps).isZero();

        var failingWakeUp = new ZohoConnectionService(
                new FakeAuthorization(),
                Set.of(ZohoProduct.BOOKS),
                states,
                () -> Future.succeededFuture(CONNECTED),
                () -> Future.failedFuture("database down"),
                "admin-secret",
                Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(failingWakeUp
                        .finish(
                                "c",
                                "us",
                                "https://accounts.zoho.com",
                                stateOf(failingWakeUp.consentUrl().result()))
                        .result())
                .isEqualTo(new ConnectOutcome.Connected(CONNECTED));
    }

    @Test
    void a_callback_replayed_with_a_used_state_is_refused_without_asking_zoho() {
        var service = service("admin-secret", NOW);
        String state = stateOf(service.consentUrl().result());
        service.finish("code-1", "us", "https://accounts.zoho.com", state).result();

        ConnectOutcome replay = service.finish("attackers-code", "us", "https://accounts.zoho.com", state)
                .result();

        assertThat(replay).isInstanceOf(ConnectOutcome.InvalidState.class);
        assertThat(zoho.exchanged).containsExactly("code-1 us https://accounts.zoho.com");
    }

    @Test
    void a_state_signed_with_another_secret_is_refused_without_asking_zoho() {
        String foreign = stateOf(service("someone-else", NOW).consentUrl().result());

        ConnectOutcome outcome = service("admin-secret", NOW)
                .finish("code", "us", "https://accounts.zoho.com", foreign)
                .result();

        assertThat(outcome).isInstanceOf(ConnectOutcome.InvalidState.class);
        assertThat(zoho.exchanged).isEmpty();
    }

    @Test
    void a_tampered_or_missing_state_is_refused() {
        String state = stateOf(service("admin-secret", NOW).consentUrl().result());
        String tampered = state.replaceFirst("\\.(\\d+)\\.", ".9999999999.");

        assertThat(service("admin-secret", NOW).finish("c", "us", "x", tampered).result())
                .isInstanceOf(ConnectOutcome.InvalidState.class);
        assertThat(service("admin-secret", NOW).finish("c", "us", "x", null).result())
                .isInstanceOf(ConnectOutcome.InvalidState.class);
        assertThat(zoho.exchanged).isEmpty();
    }

    @Test
    void a_state_older_than_its_lifetime_is_refused() {
        String state = stateOf(service("admin-secret", NOW).consentUrl().result());
        Instant later = NOW.plus(ZohoConnectionService.STATE_LIFETIME).plus(Duration.ofSeconds(1));

        ConnectOutcome outcome =
                service("admin-secret", later).finish("c", "us", "x", state).result();

        assertThat(outcome).isInstanceOf(ConnectOutcome.InvalidState.class);
        assertThat(((ConnectOutcome.InvalidState) outcome).reason()).contains("connect again");
    }

    @Test
    void zohos_refusals_are_named_for_the_admin() {
        var service = service("admin-secret", NOW);
        zoho.answer = new ZohoOutcome.AuthFailure<>("invalid_code");
        assertThat(service.finish(
                                "used", "us", "x", stateOf(service.consentUrl().result()))
                        .result())
                .isEqualTo(new ConnectOutcome.Refused("invalid_code", "invalid_code; connect again"));

        zoho.answer =
                new ZohoOutcome.Validation<>("accounts_server", "https://evil.example is not a Zoho accounts server");
        assertThat(((ConnectOutcome.Refused) service.finish(
                                        "c",
                                        "us",
                                        "https://evil.example",
                                        stateOf(service.consentUrl().result()))
                                .result())
                        .code())
                .isEqualTo("untrusted_accounts_server");
    }

    private ZohoConnectionService service(String secret, Instant now) {
        return new ZohoConnectionService(
                zoho,
                Set.of(ZohoProduct.BOOKS),
                states,
                () -> Future.succeededFuture(CONNECTED),
                () -> {
                    wakeUps++;
                    return Future.succeededFuture();
                },
                secret,
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private static String stateOf(String url) {
        return url.substring(url.indexOf("state=") + "state=".length());
    }

    /** Nonces in a map: issued, then usable once before they expire. */
    private static final class FakeAuthorization implements ZohoAuthorization {
        final List<String> exchanged = new ArrayList<>();
        final List<Set<ZohoProduct>> asked = new ArrayList<>();
        ZohoOutcome<ZohoConnectionState> answer = new ZohoOutcome.Success<>(CONNECTED);

        @Override
        public String authorizeUrl(String state, Set<ZohoProduct> products) {
            asked.add(products);
            return "https://accounts.zoho.com/oauth/v2/auth?scope=ZohoBooks.contacts.ALL&state=" + state;
        }

        @Override
        public Future<ZohoOutcome<ZohoConnectionState>> connect(String code, String location, String accountsServer) {
            exchanged.add(code + " " + location + " " + accountsServer);
            return Future.succeededFuture(answer);
        }
    }
}
