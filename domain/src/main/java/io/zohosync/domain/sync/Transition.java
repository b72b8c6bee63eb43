package io.zohosync.domain.sync;

import java.util.Optional;

/** Value: what {@link SyncStateMachine#apply} decided — the next state, or why the event does not apply. */
public sealed interface Transition {

    /** The next state, if the event was accepted. */
    Optional<SyncState> nextState();

    /** The event applies; {@code next} is the state to store. */
    record Moved(SyncState next) implements Transition {
        public Moved {
            if (next == null) {
                throw new IllegalArgumentException("a move needs a state");
            }
        }

        @Override
        public Optional<SyncState> nextState() {
            return Optional.of(next);
        }
    }

    /** The event does not apply to the current state ({@code from}); nothing must be stored. */
    record Rejected(SyncStatus from, String event, String reason) implements Transition {
        @Override
        public Optional<SyncState> nextState() {
            return Optional.empty();
        }
    }
}
