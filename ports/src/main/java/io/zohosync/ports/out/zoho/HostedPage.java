package io.zohosync.ports.out.zoho;

/** A Zoho Billing hosted page: where a customer enters card details without them passing through the service. */
public record HostedPage(String hostedPageId, String url, String status, String expiringTime) {}
