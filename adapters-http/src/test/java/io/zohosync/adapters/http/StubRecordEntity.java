package io.zohosync.adapters.http;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.in.RecordEntityUseCase;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** Stands in for the intake: records each command and answers with whatever the test set (created and pending by default). */
final class StubRecordEntity implements RecordEntityUseCase {

    static final String CUSTOMERS = "customers";
    static final String ITEMS = "items";

    final List<Command> commands = new CopyOnWriteArrayList<>();
    volatile Function<Command, Future<Result>> answer =
            command -> Future.succeededFuture(recorded(command, Outcome.CREATED));

    @Override
    public Future<Result> record(Command command) {
        commands.add(command);
        return answer.apply(command);
    }

    @Override
    public Map<String, EntityType> collections() {
        return Map.of(CUSTOMERS, EntityType.CUSTOMER, ITEMS, EntityType.ITEM);
    }

    void answer(Result result) {
        answer = command -> Future.succeededFuture(result);
    }

    Command only() {
        if (commands.size() != 1) {
            throw new AssertionError("expected one command, got " + commands);
        }
        return commands.get(0);
    }

    /** Recorded under the id the command names, with a pending books sync. */
    static Result recorded(Command command, Outcome outcome) {
        String id = command.pathId() != null
                ? command.pathId()
                : String.valueOf(command.body().get("id"));
        return new Result.Recorded(
                new EntityRef(command.type(), id), outcome, Map.of(SyncTarget.BOOKS, SyncStatus.PENDING));
    }
}
