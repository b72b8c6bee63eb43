package io.zohosync.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.zohosync.domain.entity.EntityType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whatever an accepted id holds, its {@code Location} and {@code links.self} lead back to it. */
@ExtendWith(VertxExtension.class)
class LocationRoundTripTest {

    private LiveFixture fx;

    @BeforeEach
    void start(Vertx vertx) {
        fx = new LiveFixture(vertx, HttpFixture.settings(HttpFixture.BODY_LIMIT));
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "acme/eu",
                "acme eu",
                "acme+1",
                "100%",
                "what?x=1",
                "hash#1",
                "a;b=c",
                "é-ü",
                "😀",
                "~tilde",
                "a&b",
                "%2F",
                "back\\slash",
                "quote\"d",
                "a..b",
                "x/../y",
                "./x",
                "..."
            })
    void theLocationOfAnAcceptedIdReturnsItsEntity(String id) {
        HttpResponse<Buffer> created = fx.http
                .post("/api/v1/customers")
                .bearerTokenAuthentication(HttpFixture.API_KEY)
                .sendJsonObject(
                        new JsonObject().put("id", id).put("last_name", "Round").put("email", "round@example.com"))
                .await();
        assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(202);
        String location = created.getHeader("Location");
        assertThat(created.bodyAsJsonObject().getJsonObject("links").getString("self"))
                .isEqualTo(location);
        assertThat(location).matches("/api/v1/customers/[A-Za-z0-9%._~*-]+");

        HttpResponse<Buffer> followed = fx.http
                .get(location)
                .bearerTokenAuthentication(HttpFixture.API_KEY)
                .send()
                .await();

        assertThat(followed.statusCode()).as(followed.bodyAsString()).isEqualTo(200);
        assertThat(followed.bodyAsJsonObject().getString("id")).isEqualTo(id);
        assertThat(fx.stored(EntityType.CUSTOMER, id)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {".", ".."})
    void anIdNoPathCanNameIsRefused(String id) {
        HttpResponse<Buffer> refused = fx.http
                .post("/api/v1/customers")
                .bearerTokenAuthentication(HttpFixture.API_KEY)
                .sendJsonObject(
                        new JsonObject().put("id", id).put("last_name", "Dot").put("email", "dot@example.com"))
                .await();

        HttpFixture.assertProblem(refused, 422, "validation_failed");
        assertThat(refused.bodyAsJsonObject()
                        .getJsonArray("errors")
                        .getJsonObject(0)
                        .getString("field"))
                .isEqualTo("id");
        assertThat(fx.stored(EntityType.CUSTOMER, id)).isEmpty();
    }
}
