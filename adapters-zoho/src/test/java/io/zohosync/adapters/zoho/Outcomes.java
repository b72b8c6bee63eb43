package io.zohosync.adapters.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/** Test helper: the value of an outcome that must be a success, and the outcomes of calls made all at once. */
public final class Outcomes {

    private Outcomes() {}

    public static <T> T success(ZohoOutcome<T> outcome) {
        assertThat(outcome).isInstanceOf(ZohoOutcome.Success.class);
        return ((ZohoOutcome.Success<T>) outcome).value();
    }

    public static <T> T success(Future<ZohoOutcome<T>> outcome) {
        return success(outcome.await());
    }

    /** Starts {@code n} calls before waiting for any, and answers their results in order. */
    public static <T> List<T> concurrently(int n, Supplier<Future<T>> call) {
        List<Future<T>> futures =
                IntStream.range(0, n).mapToObj(i -> call.get()).toList();
        return Future.all(futures).await().list();
    }
}
