package io.zohosync.adapters.http.common;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Platform ids as they travel in paths: how long one may be, and how it is written into a link. */
public final class Ids {

    /** Longer ids could not come back in a request line; no entity type allows one this long. */
    public static final int MAX_LENGTH = 255;

    private Ids() {}

    /** Whether an id from a path could name a stored entity (not blank, not too long). */
    public static boolean plausible(String id) {
        return id != null && !id.isBlank() && id.length() <= MAX_LENGTH;
    }

    /** The id as one path segment of a link: a {@code /} or space in it cannot break the link. */
    public static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
