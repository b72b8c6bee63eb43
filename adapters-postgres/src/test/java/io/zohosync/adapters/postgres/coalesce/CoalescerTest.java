package io.zohosync.adapters.postgres.coalesce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The statements a worker's jobs ask for side by side, sent as one (issue 14, goal 2). */
class CoalescerTest {

    private static Vertx vertx;
    /** One event loop's context: every ask of a test is made on it, as a worker's jobs are. */
    private static Context context;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        context = vertx.getOrCreateContext();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void what_is_asked_in_one_turn_is_sent_once_when_it_ends_and_each_asker_gets_its_own_answer() throws Exception {
        List<List<Integer>> sent = Collections.synchronizedList(new ArrayList<>());
        Coalescer<Integer, String> squares = new Coalescer<>("squares", 64, asked -> {
            sent.add(List.copyOf(asked));
            return Future.succeededFuture(
                    asked.stream().map(n -> n + "²=" + n * n).toList());
        });

        List<Future<String>> answers = onContext(() -> {
            List<Future<String>> asked = new ArrayList<>();
            for (int n = 3; n >= 1; n--) {
                asked.add(squares.ask(n));
            }
            assertThat(sent).as("nothing is sent before the turn ends").isEmpty();
            return asked;
        });

        assertThat(await(answers.get(0))).isEqualTo("3²=9");
        assertThat(await(answers.get(1))).isEqualTo("2²=4");
        assertThat(await(answers.get(2))).isEqualTo("1²=1");
        assertThat(sent).containsExactly(List.of(3, 2, 1));
    }

    @Test
    void what_is_asked_while_a_send_is_on_its_way_goes_in_the_next_one_together_at_most_max_at_once() throws Exception {
        List<List<Integer>> sent = Collections.synchronizedList(new ArrayList<>());
        List<Promise<List<Integer>>> pending = Collections.synchronizedList(new ArrayList<>());
        Coalescer<Integer, Integer> echo = new Coalescer<>("echo", 2, asked -> {
            sent.add(List.copyOf(asked));
            Promise<List<Integer>> answer = Promise.promise();
            pending.add(answer);
            return answer.future();
        });

        Future<Integer> first = onContext(() -> echo.ask(1));
        awaitSize(sent, 1);
        List<Future<Integer>> later = onContext(() -> List.of(echo.ask(2), echo.ask(3), echo.ask(4)));
        Thread.sleep(50);
        assertThat(sent).as("nothing more while the first send is on its way").hasSize(1);

        onContext(() -> pending.get(0).complete(List.of(10)));
        assertThat(await(first)).isEqualTo(10);
        awaitSize(sent, 2);
        assertThat(sent.get(1)).as("the asks that waited, at most two").containsExactly(2, 3);
        onContext(() -> pending.get(1).complete(List.of(20, 30)));
        awaitSize(sent, 3);
        onContext(() -> pending.get(2).complete(List.of(40)));
        assertThat(List.of(await(later.get(0)), await(later.get(1)), await(later.get(2))))
                .containsExactly(20, 30, 40);
        assertThat(sent).containsExactly(List.of(1), List.of(2, 3), List.of(4));
    }

    @Test
    void when_a_statement_for_several_fails_each_is_sent_again_alone_and_only_the_bad_one_fails() throws Exception {
        List<List<Integer>> sent = Collections.synchronizedList(new ArrayList<>());
        Coalescer<Integer, Integer> positive = new Coalescer<>("positive", 64, asked -> {
            sent.add(List.copyOf(asked));
            return asked.stream().anyMatch(n -> n < 0)
                    ? Future.failedFuture(new IllegalArgumentException("negative"))
                    : Future.succeededFuture(asked);
        });

        List<Future<Integer>> answers = onContext(() -> List.of(positive.ask(1), positive.ask(-2), positive.ask(3)));

        assertThat(await(answers.get(0))).isEqualTo(1);
        assertThatThrownBy(() -> await(answers.get(1))).hasRootCauseMessage("negative");
        assertThat(await(answers.get(2))).isEqualTo(3);
        assertThat(sent).containsExactly(List.of(1, -2, 3), List.of(1), List.of(-2), List.of(3));
    }

    @Test
    void a_send_that_answers_the_wrong_number_of_results_fails_its_askers_instead_of_mixing_them_up() throws Exception {
        Coalescer<Integer, Integer> shortOne = new Coalescer<>("short", 64, asked -> Future.succeededFuture(List.of()));

        Future<Integer> answer = onContext(() -> shortOne.ask(1));

        assertThatThrownBy(() -> await(answer)).hasRootCauseMessage("short: 0 results for 1 arguments");
    }

    @Test
    void an_asker_whose_listener_throws_does_not_keep_the_others_from_their_answers() throws Exception {
        Coalescer<Integer, Integer> echo = new Coalescer<>("echo", 64, Future::succeededFuture);

        List<Future<Integer>> answers = onContext(() -> {
            Future<Integer> throwing = echo.ask(1);
            throwing.onSuccess(x -> {
                throw new IllegalStateException("listener bug");
            });
            return List.of(throwing, echo.ask(2));
        });

        assertThat(await(answers.get(1))).isEqualTo(2);
        // and the lane goes on: a later ask is sent and answered
        assertThat(await(onContext(() -> echo.ask(3)))).isEqualTo(3);
    }

    @Test
    void outside_an_event_loop_each_ask_is_sent_at_once_alone() throws Exception {
        List<List<Integer>> sent = Collections.synchronizedList(new ArrayList<>());
        Coalescer<Integer, Integer> echo = new Coalescer<>("echo", 64, asked -> {
            sent.add(List.copyOf(asked));
            return Future.succeededFuture(asked);
        });

        Future<Integer> one = echo.ask(1);
        Future<Integer> two = echo.ask(2);

        assertThat(sent).containsExactly(List.of(1), List.of(2));
        assertThat(await(one)).isEqualTo(1);
        assertThat(await(two)).isEqualTo(2);
    }

    private static <T> T onContext(Supplier<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(x -> {
            try {
                result.complete(work.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(10, TimeUnit.SECONDS);
    }

    private static void onContext(Runnable work) throws Exception {
        onContext(() -> {
            work.run();
            return null;
        });
    }

    private static void awaitSize(List<?> list, int size) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (list.size() < size && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(list).hasSizeGreaterThanOrEqualTo(size);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
