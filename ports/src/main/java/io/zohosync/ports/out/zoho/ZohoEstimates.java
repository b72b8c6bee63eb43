package io.zohosync.ports.out.zoho;

import io.vertx.core.Future;
import io.zohosync.domain.quote.Quote;
import java.util.List;

/** Outbound port: estimates in Zoho Books; the number and the reference number carry the quote's platform id. */
public interface ZohoEstimates {

    /** Creates the estimate numbered with the quote's id (auto-numbering off). */
    Future<ZohoOutcome<ZohoEstimate>> create(Quote quote, ZohoLinks links);

    /** Replaces the estimate's lines, dates and customer; the number is not sent. */
    Future<ZohoOutcome<ZohoEstimate>> update(String estimateId, Quote quote, ZohoLinks links);

    Future<ZohoOutcome<ZohoEstimate>> get(String estimateId);

    Future<ZohoOutcome<List<ZohoEstimate>>> findByNumber(String estimateNumber);

    Future<ZohoOutcome<List<ZohoEstimate>>> findByReference(String referenceNumber);

    /** Moves the estimate to {@code sent}, {@code accepted} or {@code declined} (Books' status actions). */
    Future<ZohoOutcome<Void>> mark(String estimateId, String status);
}
