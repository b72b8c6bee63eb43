package io.zohosync.ports.out.zoho;

import io.zohosync.domain.budget.BudgetDecision;
import io.zohosync.domain.budget.Limit;
import io.zohosync.ports.out.zoho.ZohoOutcome.RateLimited.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The API budget's answer to "may I call Zoho now?". */
public sealed interface BudgetPermit {

    /** One call may go out; {@link ZohoBudget#release} it when the call has ended. */
    record Granted(String permitId, String organizationId, ZohoProduct product) implements BudgetPermit {}

    /**
     * Calls reserved together ({@link ZohoBudget#reserve}): each slot is counted against the windows from now until
     * it is {@link ZohoBudget#draw drawn} by a call (then from that call) or given back; the first slot holds one
     * concurrency slot until {@link ZohoBudget#finish}.
     */
    record Reserved(String organizationId, ZohoProduct product, List<String> slotIds) implements BudgetPermit {
        public Reserved {
            slotIds = List.copyOf(slotIds);
            if (slotIds.isEmpty()) {
                throw new IllegalArgumentException("a reservation holds at least one slot");
            }
        }
    }

    /** No call now: the {@code scope} budget reopens at {@code retryAt}. */
    record Denied(Scope scope, Instant retryAt) implements BudgetPermit {

        /** The domain's refusal ({@code Budget.permit}) in the port's words. */
        public static Denied of(BudgetDecision.WaitUntil wait) {
            Scope scope = switch (wait.limit()) {
                case MINUTE -> Scope.MINUTE;
                case DAY -> Scope.DAY;
                case CONCURRENCY -> Scope.CONCURRENCY;
            };
            return new Denied(scope, wait.at());
        }
    }

    /** The budget limit a 429 of {@code scope} closes; empty for scopes that are no call limit of Zoho's. */
    static Optional<Limit> limitOf(Scope scope) {
        return switch (scope) {
            case MINUTE -> Optional.of(Limit.MINUTE);
            case DAY -> Optional.of(Limit.DAY);
            case CONCURRENCY -> Optional.of(Limit.CONCURRENCY);
            case TOKEN_REFRESH, CIRCUIT_OPEN -> Optional.empty();
        };
    }
}
