package io.zohosync.ports.out.zoho;

import io.vertx.core.Future;
import java.math.BigDecimal;
import java.util.List;

/** Outbound port: the taxes defined in Zoho Books, to resolve a line's rate to a tax id. */
public interface ZohoTaxes {

    Future<ZohoOutcome<List<ZohoTax>>> list();

    /** Creates a simple tax; {@code specificType} is India's igst/cgst/sgst, or null elsewhere. */
    Future<ZohoOutcome<ZohoTax>> create(String name, BigDecimal percent, String specificType);
}
