package io.zohosync.adapters.http;

import io.vertx.core.Future;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.in.AdminSyncUseCase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** Stands in for the admin's actions: records each command and answers as the test set (the record, now pending, by default). */
final class StubAdminSync implements AdminSyncUseCase {

    final List<Command> commands = new CopyOnWriteArrayList<>();
    volatile Function<Command, Future<Result>> answer = command ->
            Future.succeededFuture(new Result.Changed(StubSyncStatus.view(command.key(), SyncStatus.PENDING)));

    @Override
    public Future<Result> apply(Command command) {
        commands.add(command);
        return answer.apply(command);
    }

    void answer(Result result) {
        answer = command -> Future.succeededFuture(result);
    }
}
