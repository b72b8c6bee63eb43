package io.zohosync.ports.out.zoho;

/** Outbound port: the state of the Zoho connection, for health, metrics and the admin. */
public interface ZohoConnection {

    ZohoConnectionState state();
}
