package io.zohosync.ports.flows.crm;

import io.vertx.core.Future;
import io.zohosync.domain.crm.Inquiry;
import io.zohosync.domain.crm.Lead;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.ports.intake.EntityMapping;
import io.zohosync.ports.out.EntityStore;
import io.zohosync.ports.out.zoho.CrmActivity;
import io.zohosync.ports.out.zoho.CrmFields;
import io.zohosync.ports.out.zoho.CrmUpsertResult;
import io.zohosync.ports.out.zoho.ZohoCrm;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.sync.handler.BatchAnswer;
import io.zohosync.ports.sync.handler.BatchItem;
import io.zohosync.ports.sync.handler.BatchSyncHandler;
import io.zohosync.ports.sync.handler.Links;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Inquiries → CRM Leads, in batches. An inquiry from someone already a contact — a customer with that email linked in
 * CRM, else a Contact CRM finds by email (ten emails a search) — becomes a note or a task on that contact instead of a
 * duplicate lead; the rest are upserted as leads on Email, up to 100 a call.
 */
public final class InquiryCrmHandler implements BatchSyncHandler<Inquiry> {

    /** What an inquiry from a known contact becomes ({@code ZSYNC_CRM_INQUIRY_FROM_CONTACT}). */
    public enum FromContact {
        NOTE,
        TASK
    }

    private final ZohoCrm crm;
    private final EntityStore entities;
    private final CrmFields fields;
    private final FromContact fromContact;
    private final InquiryMapping mapping = new InquiryMapping();

    public InquiryCrmHandler(ZohoCrm crm, EntityStore entities, CrmFields fields, FromContact fromContact) {
        this.crm = crm;
        this.entities = entities;
        this.fields = fields;
        this.fromContact = fromContact;
    }

    @Override
    public EntityType type() {
        return EntityType.LEAD;
    }

    @Override
    public SyncTarget target() {
        return SyncTarget.CRM;
    }

    @Override
    public EntityMapping<Inquiry> mapping() {
        return mapping;
    }

    @Override
    public Future<List<BatchAnswer>> writeBatch(List<BatchItem<Inquiry>> items) {
        List<String> emails =
                items.stream().map(i -> i.entity().normalisedEmail()).distinct().toList();
        return entities.linkedByEmail(EntityType.CUSTOMER, SyncTarget.CRM, emails)
                .compose(local -> {
                    List<String> unknown =
                            emails.stream().filter(e -> !local.containsKey(e)).toList();
                    Future<ZohoOutcome<Map<String, String>>> searched = unknown.isEmpty()
                            ? Future.succeededFuture(new ZohoOutcome.Success<>(Map.of()))
                            : crm.contactsByEmail(unknown);
                    return searched.compose(found -> {
                        if (!(found instanceof ZohoOutcome.Success<Map<String, String>> ok)) {
                            return Future.succeededFuture(BatchAnswer.all(found, items.size()));
                        }
                        Map<String, String> contacts = new HashMap<>(local);
                        contacts.putAll(ok.value());
                        return write(items, contacts);
                    });
                });
    }

    private Future<List<BatchAnswer>> write(List<BatchItem<Inquiry>> items, Map<String, String> contacts) {
        List<Integer> toContacts = new ArrayList<>();
        List<CrmActivity> activities = new ArrayList<>();
        List<String> unsureTitles = new ArrayList<>();
        List<Integer> toLeads = new ArrayList<>();
        List<Lead> leads = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Inquiry inquiry = items.get(i).entity();
            String contact = contacts.get(inquiry.normalisedEmail());
            if (contact != null) {
                toContacts.add(i);
                activities.add(activity(inquiry, contact));
                if (items.get(i).unsure()) {
                    unsureTitles.add(inquiry.title());
                }
            } else {
                toLeads.add(i);
                leads.add(inquiry.toLead());
            }
        }
        BatchAnswer[] answers = new BatchAnswer[items.size()];
        String module = fromContact == FromContact.NOTE ? "Notes" : "Tasks";
        // a note or task is a plain create: one an earlier, unconfirmed run may have added is found by its title first
        Future<ZohoOutcome<Map<String, String>>> earlier = unsureTitles.isEmpty()
                ? Future.succeededFuture(new ZohoOutcome.Success<>(Map.of()))
                : crm.activitiesByTitle(module, unsureTitles);
        return earlier.compose(found -> {
                    if (!(found instanceof ZohoOutcome.Success<Map<String, String>> ok)) {
                        List<BatchAnswer> failed = BatchAnswer.all(found, toContacts.size());
                        place(answers, toContacts, failed);
                        return Future.succeededFuture(new ZohoOutcome.Success<List<CrmUpsertResult>>(List.of()));
                    }
                    List<Integer> adding = new ArrayList<>();
                    List<CrmActivity> toAdd = new ArrayList<>();
                    for (int k = 0; k < toContacts.size(); k++) {
                        String existing =
                                ok.value().get(activities.get(k).title().trim().toLowerCase(Locale.ROOT));
                        if (existing != null && items.get(toContacts.get(k)).unsure()) {
                            answers[toContacts.get(k)] = BatchAnswer.done(existing, "linked_by_marker");
                        } else {
                            adding.add(toContacts.get(k));
                            toAdd.add(activities.get(k));
                        }
                    }
                    Future<ZohoOutcome<List<CrmUpsertResult>>> added = toAdd.isEmpty()
                            ? Future.succeededFuture(new ZohoOutcome.Success<>(List.of()))
                            : fromContact == FromContact.NOTE ? crm.addNotes(toAdd) : crm.addTasks(toAdd);
                    return added.map(onContacts -> {
                        place(answers, adding, CrmAnswers.of(onContacts, adding.size(), created()));
                        return new ZohoOutcome.Success<List<CrmUpsertResult>>(List.of());
                    });
                })
                .compose(x -> leads.isEmpty()
                        ? Future.succeededFuture(new ZohoOutcome.Success<List<CrmUpsertResult>>(List.of()))
                        : crm.upsertLeads(leads, fields))
                .map(asLeads -> {
                    place(answers, toLeads, CrmAnswers.of(asLeads, toLeads.size(), "created"));
                    return List.of(answers);
                });
    }

    private String created() {
        return fromContact == FromContact.NOTE ? "noted_on_contact" : "task_on_contact";
    }

    private static void place(BatchAnswer[] answers, List<Integer> at, List<BatchAnswer> these) {
        for (int k = 0; k < at.size(); k++) {
            answers[at.get(k)] = these.get(k);
        }
    }

    private static CrmActivity activity(Inquiry inquiry, String contactId) {
        StringBuilder content = new StringBuilder();
        if (inquiry.message() != null && !inquiry.message().isBlank()) {
            content.append(inquiry.message().trim()).append("\n\n");
        }
        content.append("From ")
                .append(inquiry.name() == null ? "" : inquiry.name().trim() + " ");
        content.append('<').append(inquiry.normalisedEmail()).append('>');
        if (inquiry.phone() != null && !inquiry.phone().isBlank()) {
            content.append(", ").append(inquiry.phone().trim());
        }
        if (inquiry.company() != null && !inquiry.company().isBlank()) {
            content.append(", ").append(inquiry.company().trim());
        }
        return new CrmActivity(inquiry.platformId(), contactId, inquiry.title(), content.toString());
    }

    /** An upsert needs no marker; a note is added once per run (an inquiry is written once, a change adds another). */
    @Override
    public Future<ZohoOutcome<List<String>>> findByMarker(Inquiry inquiry) {
        return Future.succeededFuture(new ZohoOutcome.Success<>(List.of()));
    }

    @Override
    public Future<ZohoOutcome<String>> create(Inquiry inquiry, Links links) {
        return one(inquiry);
    }

    @Override
    public Future<ZohoOutcome<String>> update(String zohoId, Inquiry inquiry, Links links) {
        return one(inquiry);
    }

    /** The record linked is a lead, or a note or task on a contact: whichever module holds it. */
    @Override
    public Future<ZohoOutcome<String>> read(String zohoId) {
        String module = fromContact == FromContact.NOTE ? "Notes" : "Tasks";
        return crm.read("Leads", zohoId)
                .compose(lead -> lead instanceof ZohoOutcome.NotFound<String>
                        ? crm.read(module, zohoId)
                        : Future.succeededFuture(lead));
    }

    private Future<ZohoOutcome<String>> one(Inquiry inquiry) {
        return writeBatch(List.of(new BatchItem<>(inquiry, null)))
                .map(answers -> answers.get(0).outcome());
    }
}
