package io.zohosync.sandbox.core;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Zoho's date and time formats ({@code 2013-11-18T02:17:40-0800}, {@code 2013-11-18}) on the sandbox clock (UTC). */
public final class Timestamps {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private Timestamps() {}

    public static String time(Instant instant) {
        return TIME.format(instant);
    }

    public static String date(Instant instant) {
        return DATE.format(instant);
    }
}
