package io.zohosync.ports.out.zoho;

import io.vertx.core.Future;
import java.util.List;

/** Outbound port: the taxes defined in Zoho Books, to resolve a line's rate to a tax id. */
public interface ZohoTaxes {

    Future<ZohoOutcome<List<ZohoTax>>> list();
}
