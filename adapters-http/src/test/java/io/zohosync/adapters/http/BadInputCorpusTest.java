package io.zohosync.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.ports.out.InboundEvents;
import io.zohosync.ports.out.StoredEntity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every row of {@code bad-input/corpus.tsv} against the real router and use cases over an in-memory
 * store: the status and problem code are as the row says, a refusal changes nothing stored, and an
 * acceptance stores every string exactly as it was sent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputCorpusTest {

    /** One hostile request and what it must get. */
    record Row(
            String name,
            String auth,
            String method,
            String path,
            String headers,
            String body,
            int status,
            String code,
            String check) {

        @Override
        public String toString() {
            return name;
        }
    }

    private static final String LINE = "{\"item_id\":\"sku-1\",\"quantity\":\"1\",\"rate\":\"9.00\"}";

    private Vertx vertx;
    private LiveFixture fx;

    @BeforeAll
    void start() {
        vertx = Vertx.vertx();
        // every row's wrong credential must be answered 401, not slowed down: the throttle has tests of its own
        fx = new LiveFixture(
                vertx,
                new HttpSettings(
                                java.util.Set.of(HttpFixture.API_KEY, HttpFixture.OTHER_API_KEY),
                                HttpFixture.ADMIN_TOKEN,
                                HttpSettings.DEFAULT_BODY_LIMIT)
                        .withFailedSignIns(100_000, Duration.ofMinutes(1)));
        seed("/api/v1/customers/seed-1", "{\"last_name\":\"Seed\",\"email\":\"seed@example.com\"}");
        seed("/api/v1/items/sku-1", "{\"name\":\"Seed\",\"rate\":1,\"currency\":\"ZAR\"}");
        // held event 1: a failed payment, so a well-formed match reaches the route's last refusal and changes nothing
        fx.inbound
                .keep(new InboundEvents.Received(
                        "stripe",
                        "evt_seed",
                        "checkout.session.async_payment_failed",
                        InboundEvents.Status.FAILED_PAYMENT,
                        "the delayed payment failed",
                        fx.clock.instant(),
                        null,
                        null,
                        null,
                        null,
                        java.util.Map.of(),
                        "{\"id\":\"evt_seed\"}"))
                .await();
        // a key each money route has seen, with another body than the corpus sends under it
        seedKeyed(
                "orders",
                "{\"customer_id\":\"seed-1\",\"date\":\"2026-03-09\",\"currency\":\"ZAR\",\"line_items\":[" + LINE
                        + "]}");
        seedKeyed(
                "quotes",
                "{\"customer_id\":\"seed-1\",\"date\":\"2026-03-09\",\"expiry_date\":\"2026-04-09\",\"currency\":\"ZAR\",\"line_items\":["
                        + LINE + "]}");
        seedKeyed(
                "payments",
                "{\"customer_id\":\"seed-1\",\"amount\":\"1.00\",\"currency\":\"ZAR\",\"date\":\"2026-03-09\",\"method\":\"cash\"}");
        seedKeyed(
                "refunds",
                "{\"payment_id\":\"pay-1\",\"amount\":\"1.00\",\"currency\":\"ZAR\",\"date\":\"2026-03-09\"}");
    }

    @AfterAll
    void stop() {
        fx.close();
        vertx.close().await();
    }

    static Stream<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = BadInputCorpusTest.class.getResourceAsStream("/bad-input/corpus.tsv")) {
            String[] lines = new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (String line : lines) {
                if (line.isBlank() || line.startsWith("#") || line.startsWith("name\t")) {
                    continue;
                }
                String[] c = line.split("\t", -1);
                if (c.length != 9) {
                    throw new IllegalStateException("a corpus row needs 9 columns: " + line);
                }
                rows.add(new Row(c[0], c[1], c[2], c[3], c[4], c[5], Integer.parseInt(c[6]), c[7], c[8]));
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void everyHostileRequestGetsItsAnswerAndStoresNothingItShouldNot(Row row) {
        Object before = snapshot();
        byte[] body = row.body().equals("-") ? null : expand(row.body());

        HttpResponse<Buffer> response = send(row, body);

        assertThat(response.statusCode())
                .as("%s: %s", row.name(), response.bodyAsString())
                .isEqualTo(row.status());
        if (!row.code().equals("-")) {
            assertThat(response.getHeader("content-type")).isEqualTo("application/problem+json");
            JsonObject problem = response.bodyAsJsonObject();
            assertThat(problem.getString("code")).as(row.name()).isEqualTo(row.code());
            assertThat(problem.getInteger("status")).isEqualTo(row.status());
            assertThat(response.bodyAsString()).doesNotContain("Exception", "\tat ", "java.");
        }
        if (row.status() >= 400) {
            assertThat(snapshot()).as("nothing stored on a refusal").isEqualTo(before);
        }
        if (row.check().equals("stored")) {
            assertStoredAsSent(
                    row,
                    new JsonObject(Buffer.buffer(body)),
                    response.bodyAsJsonObject().getString("id"));
        }
    }

    private HttpResponse<Buffer> send(Row row, byte[] body) {
        HttpRequest<Buffer> request = fx.http.request(
                HttpMethod.valueOf(row.method()), new String(expand(row.path()), StandardCharsets.UTF_8));
        switch (row.auth()) {
            case "api" -> request.bearerTokenAuthentication(HttpFixture.API_KEY);
            case "admin" -> request.bearerTokenAuthentication(HttpFixture.ADMIN_TOKEN);
            case "none" -> {}
            default -> throw new IllegalStateException("unknown auth " + row.auth());
        }
        boolean contentType = true;
        if (!row.headers().equals("-")) {
            for (String header : row.headers().split(" \\| ")) {
                if (header.equals("!Content-Type")) {
                    contentType = false;
                    continue;
                }
                int colon = header.indexOf(':');
                String name = header.substring(0, colon).trim();
                contentType &= !name.equalsIgnoreCase("Content-Type");
                request.putHeader(
                        name, new String(expand(header.substring(colon + 1).trim()), StandardCharsets.ISO_8859_1));
            }
        }
        if (body == null) {
            return request.send().await();
        }
        if (contentType) {
            request.putHeader("Content-Type", "application/json");
        }
        return request.sendBuffer(Buffer.buffer(body)).await();
    }

    /** Every string sent (at any depth) that the entity keeps reads back unchanged, byte for byte. */
    private void assertStoredAsSent(Row row, JsonObject sent, String id) {
        EntityType type = Map.of(
                        "items", EntityType.ITEM,
                        "orders", EntityType.INVOICE,
                        "quotes", EntityType.ESTIMATE,
                        "payments", EntityType.PAYMENT,
                        "refunds", EntityType.REFUND,
                        "inquiries", EntityType.LEAD,
                        "services", EntityType.SUBSCRIPTION,
                        "plans", EntityType.PLAN,
                        "addons", EntityType.ADDON,
                        "invoices", EntityType.MANUAL_INVOICE)
                .getOrDefault(row.path().split("/")[3], EntityType.CUSTOMER);
        StoredEntity stored = fx.stored(type, id).orElseThrow(() -> new AssertionError(row.name() + ": not stored"));
        List<String> compared = new ArrayList<>();
        compare("", sent.getMap(), stored.payload(), compared);
        assertThat(compared).as("%s: strings compared", row.name()).hasSizeGreaterThanOrEqualTo(2);
    }

    @SuppressWarnings("unchecked")
    private static void compare(
            String path, Map<String, Object> sent, Map<String, Object> stored, List<String> compared) {
        sent.forEach((key, value) -> {
            Object kept = stored.get(key);
            if (value instanceof String text && kept instanceof java.math.BigDecimal number) {
                // a decimal sent as a string is kept as the number it names, every digit of it
                assertThat(number.toPlainString()).as(path + key).isEqualTo(text);
                compared.add(path + key);
            } else if (value instanceof String text && kept != null) {
                assertThat(kept).as(path + key).isEqualTo(text);
                assertThat(((String) kept).getBytes(StandardCharsets.UTF_8))
                        .isEqualTo(text.getBytes(StandardCharsets.UTF_8));
                compared.add(path + key);
            } else if (value instanceof JsonObject nested && kept instanceof Map<?, ?> keptMap) {
                compare(path + key + ".", nested.getMap(), (Map<String, Object>) keptMap, compared);
            } else if (value instanceof Map<?, ?> nested && kept instanceof Map<?, ?> keptMap) {
                compare(path + key + ".", (Map<String, Object>) nested, (Map<String, Object>) keptMap, compared);
            }
        });
    }

    /** What the store holds, as far as any request could change it: every log row, job and record. */
    private Object snapshot() {
        JsonArray recent = new JsonArray();
        fx.store.recentlyChanged(10_000).await().forEach(r -> recent.add(r.toString()));
        return List.of(
                fx.inbound
                        .list(new InboundEvents.Page(Optional.empty(), Optional.empty(), 0, 500))
                        .await()
                        .toString(),
                fx.store.log().size(),
                fx.store.jobCount(),
                fx.store.countsByEntityAndStatus().await().toString(),
                recent.encode());
    }

    private void seedKeyed(String collection, String json) {
        seed(
                "/api/v1/" + collection + "/" + collection.substring(0, collection.length() - 1) + "-keyed",
                json,
                "seed-" + collection);
    }

    private void seed(String path, String json) {
        seed(path, json, null);
    }

    private void seed(String path, String json, String idempotencyKey) {
        HttpRequest<Buffer> request = fx.http.put(path);
        if (idempotencyKey != null) {
            request.putHeader("Idempotency-Key", idempotencyKey);
        }
        HttpResponse<Buffer> response = request.bearerTokenAuthentication(HttpFixture.API_KEY)
                .putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer(json))
                .await();
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(202);
    }

    /** The corpus's escapes: {@code \xHH} a raw byte, {@code {{rep N text}}} text N times; the rest as UTF-8. */
    static byte[] expand(String field) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < field.length()) {
            if (field.startsWith("{{rep ", i)) {
                int space = field.indexOf(' ', i + 6);
                int count = Integer.parseInt(field.substring(i + 6, space));
                int end = field.indexOf("}}", space + 2);
                byte[] text = field.substring(space + 1, end).getBytes(StandardCharsets.UTF_8);
                for (int n = 0; n < count; n++) {
                    out.writeBytes(text);
                }
                i = end + 2;
            } else if (field.startsWith("\\x", i)) {
                out.write(Integer.parseInt(field.substring(i + 2, i + 4), 16));
                i += 4;
            } else {
                int cp = field.codePointAt(i);
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp);
            }
        }
        return out.toByteArray();
    }
}
