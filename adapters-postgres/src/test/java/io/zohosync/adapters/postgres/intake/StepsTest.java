package io.zohosync.adapters.postgres.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The batched steps of a shared intake transaction (issue 14, goal 1): what is asked in one turn is sent once. */
class StepsTest {

    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void what_is_asked_in_one_turn_is_sent_once_in_its_order_and_each_asker_gets_its_own_answer() throws Exception {
        Context context = vertx.getOrCreateContext();
        List<List<Integer>> sent = new ArrayList<>();
        List<Future<String>> answers = onContext(context, () -> {
            Steps steps = new Steps(context);
            Steps.Step<Integer, String> square = steps.step(asked -> {
                sent.add(List.copyOf(asked));
                return Future.succeededFuture(
                        asked.stream().map(n -> n + "²=" + n * n).toList());
            });
            List<Future<String>> asked = new ArrayList<>();
            for (int n = 3; n >= 1; n--) {
                asked.add(square.ask(n));
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
    void the_steps_asked_for_when_answers_arrive_go_together_in_the_next_send_kinds_in_the_order_first_asked()
            throws Exception {
        Context context = vertx.getOrCreateContext();
        List<String> sent = new ArrayList<>();
        List<Future<Integer>> done = onContext(context, () -> {
            Steps steps = new Steps(context);
            Steps.Step<Integer, Integer> lock = steps.step(asked -> {
                sent.add("lock " + asked);
                return Future.succeededFuture(asked);
            });
            Steps.Step<Integer, Integer> save = steps.step(asked -> {
                sent.add("save " + asked);
                return Future.succeededFuture(asked);
            });
            Steps.Step<Integer, Integer> read = steps.step(asked -> {
                sent.add("read " + asked);
                return Future.succeededFuture(asked);
            });
            List<Future<Integer>> members = new ArrayList<>();
            for (int member = 1; member <= 3; member++) {
                int m = member;
                members.add(lock.ask(m)
                        .compose(x -> Future.all(save.ask(m), read.ask(m)).map(m)));
            }
            return members;
        });

        for (Future<Integer> member : done) {
            await(member);
        }
        assertThat(sent).containsExactly("lock [1, 2, 3]", "save [1, 2, 3]", "read [1, 2, 3]");
    }

    @Test
    void a_send_that_fails_or_throws_fails_every_asker_of_it_and_no_other() throws Exception {
        Context context = vertx.getOrCreateContext();
        List<Future<String>> answers = onContext(context, () -> {
            Steps steps = new Steps(context);
            Steps.Step<String, String> failing =
                    steps.step(asked -> Future.failedFuture(new IllegalStateException("refused " + asked)));
            Steps.Step<String, String> throwing = steps.step(asked -> {
                throw new IllegalArgumentException("thrown for " + asked);
            });
            Steps.Step<String, String> fine = steps.step(Future::succeededFuture);
            return List.of(failing.ask("a"), failing.ask("b"), throwing.ask("c"), fine.ask("d"));
        });

        assertThatThrownBy(() -> await(answers.get(0))).hasMessageContaining("refused [a, b]");
        assertThatThrownBy(() -> await(answers.get(1))).hasMessageContaining("refused [a, b]");
        assertThatThrownBy(() -> await(answers.get(2))).hasMessageContaining("thrown for [c]");
        assertThat(await(answers.get(3))).isEqualTo("d");
    }

    @Test
    void a_send_answering_too_few_results_fails_every_asker_and_an_asker_that_throws_stops_no_other() throws Exception {
        Context context = vertx.getOrCreateContext();
        List<Future<String>> answers = onContext(context, () -> {
            Steps steps = new Steps(context);
            Steps.Step<String, String> short_ = steps.step(asked -> Future.succeededFuture(List.of("only one")));
            Steps.Step<String, String> echo = steps.step(Future::succeededFuture);
            Future<String> first = short_.ask("a");
            Future<String> second = short_.ask("b");
            Promise<String> afterThrower = Promise.promise();
            echo.ask("thrower").onSuccess(x -> {
                throw new IllegalStateException("an asker's own bug");
            });
            echo.ask("next").onComplete(afterThrower);
            return List.of(first, second, afterThrower.future());
        });

        assertThatThrownBy(() -> await(answers.get(0))).hasMessageContaining("1 results for 2 asks");
        assertThatThrownBy(() -> await(answers.get(1))).hasMessageContaining("1 results for 2 asks");
        assertThat(await(answers.get(2))).isEqualTo("next");
    }

    @Test
    void without_a_context_every_ask_is_sent_at_once_alone() throws Exception {
        List<List<String>> sent = new ArrayList<>();
        Steps steps = new Steps(null);
        Steps.Step<String, String> echo = steps.step(asked -> {
            sent.add(List.copyOf(asked));
            return Future.succeededFuture(asked);
        });

        Future<String> a = echo.ask("a");
        Future<String> b = echo.ask("b");

        assertThat(sent).containsExactly(List.of("a"), List.of("b"));
        assertThat(await(a)).isEqualTo("a");
        assertThat(await(b)).isEqualTo("b");
    }

    private static <T> T onContext(Context context, Supplier<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(x -> {
            try {
                result.complete(work.get());
            } catch (RuntimeException | AssertionError e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(10, TimeUnit.SECONDS);
    }

    private static <T> T await(Future<T> future) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
