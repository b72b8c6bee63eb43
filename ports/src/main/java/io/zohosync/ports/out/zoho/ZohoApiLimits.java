package io.zohosync.ports.out.zoho;

/**
 * Value: the calls one organization may make to one product: per sliding minute, per sliding day
 * (the plan's limit or a lower configured cap) and at the same time.
 */
public record ZohoApiLimits(int perMinute, int perDay, int concurrency) {

    public ZohoApiLimits {
        if (perMinute < 1 || perDay < 1 || concurrency < 1) {
            throw new IllegalArgumentException("API limits must be positive: " + perMinute + "/min, " + perDay + "/day, " + concurrency + " at once");
        }
    }

    /** Defaults a little below Zoho's published limits (Books: 100 a minute, 1000 a day on the free plan, 5 at once). */
    public static ZohoApiLimits defaults(ZohoProduct product) {
        return switch (product) {
            case BOOKS, INVENTORY -> new ZohoApiLimits(95, 900, 5);
            case BILLING -> new ZohoApiLimits(95, 900, 5);
            case CRM -> new ZohoApiLimits(95, 4500, 5);
        };
    }
}
