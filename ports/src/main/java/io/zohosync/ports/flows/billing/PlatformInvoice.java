package io.zohosync.ports.flows.billing;

import io.zohosync.domain.invoice.ManualInvoice;

/** A manual invoice as the platform sends it: the domain invoice and, when it belongs to one, its service (subscription). */
public record PlatformInvoice(ManualInvoice invoice, String serviceId) {

    public String id() {
        return invoice.platformId();
    }
}
