package io.zohosync.ports.out;

import io.vertx.core.Future;
import io.zohosync.domain.alert.Notice;

/** Outbound port: where alerts go (issue 12, item 14): an email, a chat webhook. One notice, one message. */
public interface AlertChannel {

    /** What the logs call this channel ("email", "webhook"); never a secret. */
    String name();

    /** Delivers {@code notice}; fails when it could not, so that it is tried again at the next evaluation. */
    Future<Void> send(Notice notice);
}
