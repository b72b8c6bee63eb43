package io.zohosync.domain.invoice;

/** What a hand-raised invoice is for; recurring ones are Billing's own and never synced. */
public enum ManualInvoiceKind {
    INSTALLATION("Installation"),
    PRO_RATA("Pro-rata charge"),
    EQUIPMENT("Equipment"),
    ADJUSTMENT("Adjustment"),
    RECURRING("Recurring charge");

    private final String label;

    ManualInvoiceKind(String label) {
        this.label = label;
    }

    /** The line name used when the invoice arrives without lines. */
    public String label() {
        return label;
    }

    public boolean synced() {
        return this != RECURRING;
    }
}
