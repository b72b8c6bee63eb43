package io.zohosync.ports.out.zoho;

import io.vertx.core.Future;
import io.zohosync.domain.crm.CrmContact;
import io.zohosync.domain.crm.Lead;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Outbound port: Zoho CRM contacts and leads, written by upsert on Email (then the platform id field, when one is
 * named), so a repeat is an update, never a second record; notes and tasks on contacts; contacts found by email.
 * Any number of records may be given; they are sent in calls of at most 100. Success carries one result per record
 * (some may have failed); a whole-call failure (rate limit, outage) fails the lot, and repeating an upsert is safe.
 */
public interface ZohoCrm {

    int MAX_RECORDS_PER_CALL = 100;

    /** How many emails one search asks for: CRM's criteria take at most 10 conditions. */
    int MAX_EMAILS_PER_SEARCH = 10;

    Future<ZohoOutcome<List<CrmUpsertResult>>> upsertContacts(List<CrmContact> contacts, CrmFields fields);

    Future<ZohoOutcome<List<CrmUpsertResult>>> upsertLeads(List<Lead> leads, CrmFields fields);

    /**
     * Updates contacts already linked, by id ({@code PUT /crm/v8/Contacts}, {@code ids} in the order of
     * {@code contacts}): an upsert would take a changed email for a new contact when no platform id field is named.
     */
    Future<ZohoOutcome<List<CrmUpsertResult>>> updateContacts(
            List<CrmContact> contacts, List<String> ids, CrmFields fields);

    default Future<ZohoOutcome<List<CrmUpsertResult>>> upsertContacts(List<CrmContact> contacts) {
        return upsertContacts(contacts, CrmFields.NONE);
    }

    default Future<ZohoOutcome<List<CrmUpsertResult>>> upsertLeads(List<Lead> leads) {
        return upsertLeads(leads, CrmFields.NONE);
    }

    /** The CRM ids of the Contacts with these emails, keyed by the lower-cased email; searched ten emails a call. */
    Future<ZohoOutcome<Map<String, String>>> contactsByEmail(Collection<String> emails);

    /** The CRM ids of the Leads with these emails, keyed by the lower-cased email; searched ten emails a call. */
    Future<ZohoOutcome<Map<String, String>>> leadsByEmail(Collection<String> emails);

    /**
     * The ids of the notes ({@code module} {@code Notes}, by {@code Note_Title}) or tasks ({@code Tasks}, by
     * {@code Subject}) titled as given, keyed by the lower-cased title; searched ten titles a call. An inquiry's title
     * carries its id, so this finds what an earlier, unconfirmed attempt added.
     */
    Future<ZohoOutcome<Map<String, String>>> activitiesByTitle(String module, Collection<String> titles);

    /** Adds each note to its contact (or lead: {@link CrmActivity#parentModule()}). */
    Future<ZohoOutcome<List<CrmUpsertResult>>> addNotes(List<CrmActivity> notes);

    /** Adds each task to its contact ({@code Who_Id}). */
    Future<ZohoOutcome<List<CrmUpsertResult>>> addTasks(List<CrmActivity> tasks);

    /** Reads a record of {@code module} (Contacts, Leads, Notes, Tasks): its id, or NotFound. */
    Future<ZohoOutcome<String>> read(String module, String id);
}
