package io.zohosync.sandbox.core;

import java.util.concurrent.atomic.AtomicLong;

/** Zoho-looking numeric string ids ({@code "460000000026049"}), unique within one sandbox. */
public final class Ids {
    private final AtomicLong next = new AtomicLong(460_000_000_026_049L);

    public String next() {
        return Long.toString(next.getAndAdd(7));
    }
}
