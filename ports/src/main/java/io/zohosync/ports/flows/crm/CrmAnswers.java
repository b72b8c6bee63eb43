package io.zohosync.ports.flows.crm;

import io.zohosync.ports.out.zoho.CrmUpsertResult;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.sync.handler.BatchAnswer;
import java.util.List;

/** CRM's per-record results as the batch answers the worker records: each record's own state. */
final class CrmAnswers {

    private CrmAnswers() {}

    /** One answer per record, or the whole call's failure for each. */
    static List<BatchAnswer> of(ZohoOutcome<List<CrmUpsertResult>> outcome, int count, String createdEvent) {
        if (!(outcome instanceof ZohoOutcome.Success<List<CrmUpsertResult>> ok)) {
            return BatchAnswer.all(outcome, count);
        }
        return ok.value().stream().map(r -> answer(r, createdEvent)).toList();
    }

    static BatchAnswer answer(CrmUpsertResult result, String createdEvent) {
        return switch (result.action()) {
            case CREATED -> BatchAnswer.done(result.recordId(), createdEvent);
            case UPDATED -> BatchAnswer.done(result.recordId(), "updated");
            case FAILED -> new BatchAnswer(new ZohoOutcome.Validation<>(result.code(), result.message()), "rejected");
            case DEFERRED ->
                new BatchAnswer(new ZohoOutcome.Outage<>("[" + result.code() + "] " + result.message()), "outage");
        };
    }
}
