package io.zohosync.adapters.http.admin;

import io.vertx.ext.web.RoutingContext;
import io.zohosync.adapters.http.common.Problem;
import io.zohosync.ports.in.AdminSyncUseCase;
import java.util.regex.Pattern;

/**
 * Who an admin request acts as, for the audit of admin actions: the console session's signed-in name (or
 * {@value #CONSOLE} when none was given), else a bearer call's {@value #HEADER} header, else {@code admin-api}.
 */
final class Actors {

    static final String HEADER = "X-Admin-Actor";
    static final String CONSOLE = "console";
    static final int MAX_LENGTH = 80;
    private static final String KEY = "zsync.actor";
    /** Printable text, no control characters, as a name or an email address is. */
    private static final Pattern NAME = Pattern.compile("[^\\p{Cntrl}]{1," + MAX_LENGTH + "}");

    private Actors() {}

    /** The session's signed-in name as the actor of this request. */
    static void admit(RoutingContext ctx, String name) {
        ctx.put(KEY, name == null ? CONSOLE : name);
    }

    static String of(RoutingContext ctx) {
        String session = ctx.get(KEY);
        if (session != null) {
            return session;
        }
        String header = ctx.request().getHeader(HEADER);
        return header == null ? AdminSyncUseCase.Command.API_ACTOR : name(header.strip(), HEADER);
    }

    /** A name as given (trimmed), refused with a 422 naming {@code field} when blank, too long or with control characters. */
    static String name(String raw, String field) {
        if (!NAME.matcher(raw).matches() || raw.isBlank()) {
            throw Problem.invalid(
                    field, "must be a name of 1 to " + MAX_LENGTH + " characters without control characters");
        }
        return raw;
    }
}
