package io.zohosync.adapters.postgres.intake;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps a shared transaction's members take at one moment, each kind sent as one statement over all of them
 * (issue 14, goal 1). A group's members start together and move in step: every batched statement's answer resumes
 * them all in one turn of the event loop, so their next steps are asked for in that turn too. The steps asked for
 * in a turn are sent when it ends, each kind once, in the order its first ask came: PostgreSQL then pays a
 * statement's fixed cost (protocol, snapshot, plan, executor) once per group instead of once per member.
 *
 * <p>A batched statement that fails fails every member that asked for it; the group commit then runs each member
 * again in a transaction of its own, whose steps are sent alone (without a context: a batch of one).
 */
final class Steps {

    private static final Logger LOG = LoggerFactory.getLogger(Steps.class);

    private final Context context;
    private final List<Step<?, ?>> due = new ArrayList<>();
    private boolean scheduled;

    /** {@code context}: where the end of a turn is waited for; none sends every step at once, alone. */
    Steps(Context context) {
        this.context = context;
    }

    /**
     * A kind of step: {@code send} runs it for the arguments asked in one turn and answers with one result per
     * argument, in their order.
     */
    <A, R> Step<A, R> step(Function<List<A>, Future<List<R>>> send) {
        return new Step<>(send);
    }

    final class Step<A, R> {

        private final Function<List<A>, Future<List<R>>> send;
        private List<A> asked = new ArrayList<>();
        private List<Promise<R>> answers = new ArrayList<>();

        private Step(Function<List<A>, Future<List<R>>> send) {
            this.send = send;
        }

        Future<R> ask(A argument) {
            if (context == null) {
                return run(List.of(argument)).map(results -> results.get(0));
            }
            Promise<R> answer = Promise.promise();
            synchronized (Steps.this) {
                if (asked.isEmpty()) {
                    due.add(this);
                }
                asked.add(argument);
                answers.add(answer);
                if (!scheduled) {
                    scheduled = true;
                    context.runOnContext(x -> sendDue());
                }
            }
            return answer.future();
        }

        private void send() {
            List<A> sent;
            List<Promise<R>> waiting;
            synchronized (Steps.this) {
                sent = asked;
                waiting = answers;
                asked = new ArrayList<>();
                answers = new ArrayList<>();
            }
            run(sent).onComplete(done -> {
                Throwable failed = done.failed()
                        ? done.cause()
                        : done.result().size() != waiting.size()
                                ? new IllegalStateException(
                                        done.result().size() + " results for " + waiting.size() + " asks")
                                : null;
                // every asker is answered, whatever one asker's listener throws: an unanswered one would hang its group
                for (int i = 0; i < waiting.size(); i++) {
                    try {
                        if (failed != null) {
                            waiting.get(i).tryFail(failed);
                        } else {
                            waiting.get(i).tryComplete(done.result().get(i));
                        }
                    } catch (RuntimeException e) {
                        LOG.error("an intake step's asker threw on its answer", e);
                    }
                }
            });
        }

        private Future<List<R>> run(List<A> arguments) {
            try {
                return send.apply(arguments);
            } catch (RuntimeException e) {
                return Future.failedFuture(e);
            }
        }
    }

    private void sendDue() {
        List<Step<?, ?>> sending;
        synchronized (this) {
            scheduled = false;
            sending = new ArrayList<>(due);
            due.clear();
        }
        sending.forEach(Step::send);
    }
}
