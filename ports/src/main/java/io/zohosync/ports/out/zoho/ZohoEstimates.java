package io.zohosync.ports.out.zoho;

import io.vertx.core.Future;
import io.zohosync.domain.quote.Quote;
import java.util.List;

/** Outbound port: estimates in Zoho Books; the reference number carries the quote's platform id. */
public interface ZohoEstimates {

    Future<ZohoOutcome<ZohoEstimate>> create(Quote quote, ZohoLinks links);

    Future<ZohoOutcome<ZohoEstimate>> get(String estimateId);

    Future<ZohoOutcome<List<ZohoEstimate>>> findByReference(String referenceNumber);
}
