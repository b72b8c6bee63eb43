package io.zohosync.ports.out;

import io.vertx.core.Future;
import io.zohosync.ports.in.AdminActionEntry;

/** Outbound port: the audit of admin actions — who changed which record how, and when. Appends only. */
public interface AdminAudit {

    Future<Void> record(AdminActionEntry entry);
}
