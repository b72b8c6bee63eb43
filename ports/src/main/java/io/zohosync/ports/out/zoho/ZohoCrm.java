package io.zohosync.ports.out.zoho;

import io.vertx.core.Future;
import io.zohosync.domain.crm.CrmContact;
import io.zohosync.domain.crm.Lead;
import java.util.List;

/**
 * Outbound port: Zoho CRM contacts and leads, written by upsert on Email (so a repeat is an update, never a
 * second record). Any number of records may be given; they are sent in calls of at most 100. Success carries
 * one result per record (some may have failed); a whole-call failure (rate limit, outage) fails the lot,
 * and repeating the upsert is safe.
 */
public interface ZohoCrm {

    int MAX_RECORDS_PER_CALL = 100;

    Future<ZohoOutcome<List<CrmUpsertResult>>> upsertContacts(List<CrmContact> contacts);

    Future<ZohoOutcome<List<CrmUpsertResult>>> upsertLeads(List<Lead> leads);
}
