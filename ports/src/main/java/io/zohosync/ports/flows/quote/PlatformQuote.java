package io.zohosync.ports.flows.quote;

import io.zohosync.domain.common.Checks;
import io.zohosync.domain.quote.Quote;
import java.util.List;

/** A B2B quote as the platform sends it: the quote and where it stands (draft, sent, accepted, declined). */
public record PlatformQuote(Quote quote, String status) {

    public static final List<String> STATUSES = List.of("draft", "sent", "accepted", "declined");

    public PlatformQuote {
        status = status == null ? "draft" : status;
        new Checks()
                .rule(STATUSES.contains(status), "status", "must be one of " + String.join(", ", STATUSES))
                .throwIfAny();
    }
}
