package io.zohosync.adapters.postgres.coalesce;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One kind of statement that the jobs a worker runs side by side each ask for, sent as one statement over all of
 * their arguments (issue 14, goal 2). The jobs a claim hands out move in step (each batched answer resumes all of
 * them in one turn of the event loop), so they ask for their next statement in one turn too. What is asked in a
 * turn is sent when it ends; what is asked while a send is on its way waits for its answer and goes in the next:
 * PostgreSQL and the client then pay a statement's fixed cost (protocol, snapshot, plan, executor, commit) once per
 * send instead of once per job.
 *
 * <p>Each asker gets its own result, and none waits for another's statement if it runs alone: askers outside an
 * event loop (a worker thread, no Vert.x at all) send alone. When a statement sent for several askers fails, each
 * of them is sent again alone, so that one asker's bad row (a constraint, a deadlock between the rows it locks)
 * fails only that asker, whose answer is then its own statement's.
 *
 * <p>The answers are handed out on the event loop that asked, where every send of that loop is made.
 */
public final class Coalescer<A, R> {

    private static final Logger LOG = LoggerFactory.getLogger(Coalescer.class);

    /** The most asks one statement takes, unless a coalescer is given its own limit. */
    public static final int MAX_BATCH = 64;

    private final String name;
    private final int max;
    private final Function<List<A>, Future<List<R>>> send;
    /** One queue per event-loop thread: only that thread touches it. */
    private final Map<Thread, Lane> lanes = new ConcurrentHashMap<>();

    /**
     * {@code send} runs the statement for the arguments given and answers with one result per argument, in their
     * order; it is given at most {@link #MAX_BATCH} at once. {@code name} names the statement in the log.
     */
    public Coalescer(String name, Function<List<A>, Future<List<R>>> send) {
        this(name, MAX_BATCH, send);
    }

    /** As {@link #Coalescer(String, Function)}, given at most {@code max} arguments at once. */
    public Coalescer(String name, int max, Function<List<A>, Future<List<R>>> send) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive");
        }
        this.name = name;
        this.max = max;
        this.send = send;
    }

    public Future<R> ask(A argument) {
        Context context = Vertx.currentContext();
        if (context == null || !context.isEventLoopContext() || !Context.isOnEventLoopThread()) {
            return alone(argument);
        }
        return lanes.computeIfAbsent(Thread.currentThread(), thread -> new Lane())
                .ask(argument, context);
    }

    private Future<R> alone(A argument) {
        return run(List.of(argument)).map(results -> results.get(0));
    }

    private Future<List<R>> run(List<A> arguments) {
        try {
            return send.apply(arguments)
                    .compose(results -> results.size() == arguments.size()
                            ? Future.succeededFuture(results)
                            : Future.failedFuture(new IllegalStateException(
                                    name + ": " + results.size() + " results for " + arguments.size() + " arguments")));
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    /** The asks of one event loop: those not yet sent, and whether a send is scheduled or on its way. */
    private final class Lane {

        private List<A> asked = new ArrayList<>();
        private List<Promise<R>> answers = new ArrayList<>();
        private boolean busy;

        Future<R> ask(A argument, Context context) {
            Promise<R> answer = Promise.promise();
            asked.add(argument);
            answers.add(answer);
            if (!busy) {
                busy = true;
                context.runOnContext(x -> send());
            }
            return answer.future();
        }

        /** Sends what is waiting, at most {@code max}; once answered, sends what came meanwhile. */
        private void send() {
            if (asked.isEmpty()) {
                busy = false;
                return;
            }
            int n = Math.min(max, asked.size());
            List<A> sent = new ArrayList<>(asked.subList(0, n));
            List<Promise<R>> waiting = new ArrayList<>(answers.subList(0, n));
            asked = new ArrayList<>(asked.subList(n, asked.size()));
            answers = new ArrayList<>(answers.subList(n, answers.size()));
            run(sent).onComplete(done -> {
                if (done.succeeded()) {
                    for (int i = 0; i < waiting.size(); i++) {
                        answer(
                                waiting.get(i),
                                Future.succeededFuture(done.result().get(i)));
                    }
                    send();
                } else if (sent.size() == 1) {
                    answer(waiting.get(0), Future.failedFuture(done.cause()));
                    send();
                } else {
                    LOG.debug("{}: a statement for {} failed, each sent alone: {}", name, sent.size(), done.cause());
                    // one after another, and the next send after them: what an asker asks next comes after its answer
                    Future<?> chain = Future.succeededFuture();
                    for (int i = 0; i < sent.size(); i++) {
                        A argument = sent.get(i);
                        Promise<R> answer = waiting.get(i);
                        chain = chain.eventually(() -> alone(argument).andThen(result -> answer(answer, result)));
                    }
                    chain.onComplete(x -> send());
                }
            });
        }

        /** Every asker is answered, whatever another asker's listener throws: an unanswered one would hang its job. */
        private void answer(Promise<R> answer, io.vertx.core.AsyncResult<R> result) {
            try {
                answer.handle(result);
            } catch (RuntimeException e) {
                LOG.error("{}: an asker threw on its answer", name, e);
            }
        }
    }
}
