package io.zohosync.adapters.http.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.zohosync.adapters.http.OpenApiRoute;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * How the contract is read (issue 14, goal 5): once, shared by every caller while it is under way, from a parsing
 * started ahead when there is one, and tried again after a failure. Each test has a reader of its own (the process's
 * keeps the first contract it reads), whose parser counts its calls.
 */
@ExtendWith(VertxExtension.class)
class ApiContractReaderTest {

    private static final byte[] DOCUMENT = OpenApiRoute.document();

    private final AtomicInteger parses = new AtomicInteger();

    @Test
    void theDocumentAsJsonIsWhatItsJsonTextReadsAs() {
        Object yaml =
                new Yaml(new SafeConstructor(new LoaderOptions())).load(new String(DOCUMENT, StandardCharsets.UTF_8));

        assertThat(ApiContract.yaml(DOCUMENT)).isEqualTo(new JsonObject(Json.encode(yaml)));
        assertThat(ApiContract.yaml("a: [1, 2.5, true, null, {b: c}]".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new JsonObject("{\"a\":[1,2.5,true,null,{\"b\":\"c\"}]}"));
    }

    @Test
    void aValueJsonHasNoFormForIsRefused() {
        assertThatThrownBy(() -> ApiContract.yaml("when: 2026-11-30T10:00:00Z".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no form for");
        assertThatThrownBy(() -> ApiContract.yaml("- a list".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a YAML mapping");
    }

    @Test
    void callersWhileItIsReadShareOneReadingAndLaterOnesGetTheContractRead(Vertx vertx) {
        ApiContract.Reader reader = new ApiContract.Reader(counting(ApiContract::yaml));

        List<Future<ApiContract>> asked =
                List.of(reader.load(vertx, DOCUMENT), reader.load(vertx, DOCUMENT), reader.load(vertx, DOCUMENT));
        ApiContract first = asked.get(0).await();

        assertThat(asked).allSatisfy(f -> assertThat(f.await()).isSameAs(first));
        assertThat(reader.load(vertx, DOCUMENT).await()).isSameAs(first);
        assertThat(reader.load(vertx, DOCUMENT))
                .as("once read, every request's call gets the one future kept")
                .isSameAs(reader.load(vertx, DOCUMENT));
        assertThat(parses).hasValue(1);
        assertThat(first.contract().operations()).isNotEmpty();
    }

    @Test
    void eachCallerHearsOnItsOwnContextWhateverThreadFinishedTheReading(Vertx vertx) throws Exception {
        ApiContract.Reader reader = new ApiContract.Reader(counting(ApiContract::yaml));
        reader.parseAhead(DOCUMENT); // finished on a thread of its own, not a Vert.x one
        List<io.vertx.core.Context> contexts = List.of(vertx.getOrCreateContext(), vertx.getOrCreateContext());
        List<io.vertx.core.Promise<Boolean>> heard =
                List.of(io.vertx.core.Promise.promise(), io.vertx.core.Promise.promise());
        for (int i = 0; i < 2; i++) {
            io.vertx.core.Context context = contexts.get(i);
            io.vertx.core.Promise<Boolean> onIts = heard.get(i);
            context.runOnContext(x ->
                    reader.load(vertx, DOCUMENT).onComplete(done -> onIts.complete(Vertx.currentContext() == context)));
        }

        assertThat(heard).allSatisfy(h -> assertThat(h.future().await()).isTrue());
        assertThat(parses).hasValue(1);
    }

    @Test
    void aParsingStartedAheadIsTheOneTheReadingUses(Vertx vertx) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ApiContract.Reader reader = new ApiContract.Reader(counting(document -> {
            await(release);
            return ApiContract.yaml(document);
        }));

        reader.parseAhead(DOCUMENT);
        reader.parseAhead(DOCUMENT); // once a process: nothing more
        Future<ApiContract> reading = reader.load(vertx, DOCUMENT);
        assertThat(reading.isComplete()).isFalse(); // waits for the parsing ahead, not a parsing of its own
        release.countDown();

        ApiContract read = reading.await();
        assertThat(parses).hasValue(1);
        assertThat(read.raw()).isEqualTo(ApiContract.yaml(DOCUMENT));
        assertThat(read.contract().operations()).isNotEmpty();
    }

    @Test
    void anotherDocumentThanTheOneParsedAheadIsParsedOnItsOwn(Vertx vertx) {
        ApiContract.Reader reader = new ApiContract.Reader(counting(ApiContract::yaml));
        byte[] other = (new String(DOCUMENT, StandardCharsets.UTF_8) + "\n# another revision\n")
                .getBytes(StandardCharsets.UTF_8);

        reader.parseAhead(DOCUMENT);
        assertThat(reader.load(vertx, other).await().contract().operations()).isNotEmpty();

        assertThat(parses).hasValue(2);
    }

    @Test
    void aFailedReadingIsNotKeptTheNextCallTriesAgain(Vertx vertx) {
        AtomicInteger calls = new AtomicInteger();
        ApiContract.Reader reader = new ApiContract.Reader(counting(document -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("the disk hiccuped");
            }
            return ApiContract.yaml(document);
        }));

        assertThatThrownBy(() -> reader.load(vertx, DOCUMENT).await()).hasMessageContaining("the disk hiccuped");
        assertThat(reader.load(vertx, DOCUMENT).await().contract().operations()).isNotEmpty();
        assertThat(parses).hasValue(2);
    }

    @Test
    void aParsingAheadThatFailedIsDoneAgainOnAWorker(Vertx vertx) throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch failed = new CountDownLatch(1);
        ApiContract.Reader reader = new ApiContract.Reader(counting(document -> {
            if (calls.incrementAndGet() == 1) {
                failed.countDown();
                throw new IllegalStateException("out of memory, say");
            }
            return ApiContract.yaml(document);
        }));

        reader.parseAhead(DOCUMENT);
        await(failed);

        assertThat(reader.load(vertx, DOCUMENT).await().contract().operations()).isNotEmpty();
        assertThat(parses).hasValue(2);
    }

    private Function<byte[], JsonObject> counting(Function<byte[], JsonObject> parser) {
        return document -> {
            parses.incrementAndGet();
            return parser.apply(document);
        };
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
