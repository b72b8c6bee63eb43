package io.zohosync.adapters.postgres;

/** Queue order (design.md §7): payments before invoices before customers before everything else (backfill). */
final class JobPriority {

    private JobPriority() {}

    static int of(String entityType) {
        return switch (entityType) {
            case "payment" -> 100;
            case "invoice" -> 200;
            case "customer" -> 300;
            default -> 400;
        };
    }
}
