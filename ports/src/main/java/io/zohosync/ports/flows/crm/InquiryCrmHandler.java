package io.zohosync.ports.flows.crm;

import io.vertx.core.Future;
import io.zohosync.domain.crm.Inquiry;
import io.zohosync.domain.crm.Lead;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
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
 * duplicate lead; one from someone who already has a Lead (found by email the same way) becomes a note on that lead,
 * so the lead's Description (the first message) is kept; the rest are upserted as leads on Email, up to 100 a call.
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
                        // someone with a lead already: the inquiry is a note on that lead, never a new Description
                        List<String> noContact = unknown.stream()
                                .filter(e -> !contacts.containsKey(e))
                                .toList();
                        Future<ZohoOutcome<Map<String, String>>> leadsFound = noContact.isEmpty()
                                ? Future.succeededFuture(new ZohoOutcome.Success<>(Map.of()))
                                : crm.leadsByEmail(noContact);
                        return leadsFound.compose(byLead -> {
                            if (!(byLead instanceof ZohoOutcome.Success<Map<String, String>> leads)) {
                                return Future.succeededFuture(BatchAnswer.all(byLead, items.size()));
                            }
                            return write(items, contacts, leads.value());
                        });
                    });
                });
    }

    private Future<List<BatchAnswer>> write(
            List<BatchItem<Inquiry>> items, Map<String, String> contacts, Map<String, String> existingLeads) {
        List<Integer> toContacts = new ArrayList<>();
        List<CrmActivity> onContacts = new ArrayList<>();
        List<Integer> toExistingLeads = new ArrayList<>();
        List<CrmActivity> onLeads = new ArrayList<>();
        List<Integer> toLeads = new ArrayList<>();
        List<Lead> leads = new ArrayList<>();
        Map<String, String> leadCreators = new HashMap<>(); // email → the inquiry whose upsert creates its lead
        BatchAnswer[] answers = new BatchAnswer[items.size()];
        for (int i = 0; i < items.size(); i++) {
            Inquiry inquiry = items.get(i).entity();
            String email = inquiry.normalisedEmail();
            String contact = contacts.get(email);
            String lead = existingLeads.get(email);
            if (contact != null) {
                toContacts.add(i);
                onContacts.add(activity(inquiry, "Contacts", contact));
            } else if (lead != null
                    && items.get(i).zohoId() == null
                    && !items.get(i).unsure()) {
                // (an inquiry linked to it, or unsure whether it made it, upserts it again as before)
                toExistingLeads.add(i);
                onLeads.add(activity(inquiry, "Leads", lead));
            } else if (leadCreators.putIfAbsent(email, inquiry.platformId()) == null) {
                toLeads.add(i);
                leads.add(inquiry.toLead());
            } else {
                // a second inquiry of the batch from the same new email: once the lead exists, it becomes a note on it
                answers[i] = BatchAnswer.waitingFor(
                        new SyncKey(type(), leadCreators.get(email), target()), "waiting_for_lead");
            }
        }
        boolean tasks = fromContact == FromContact.TASK;
        return add(items, answers, toContacts, onContacts, tasks, created())
                .compose(x -> add(items, answers, toExistingLeads, onLeads, false, "noted_on_lead"))
                .compose(x -> leads.isEmpty()
                        ? Future.succeededFuture(new ZohoOutcome.Success<List<CrmUpsertResult>>(List.of()))
                        : crm.upsertLeads(leads, fields))
                .map(asLeads -> {
                    place(answers, toLeads, CrmAnswers.of(asLeads, toLeads.size(), "created"));
                    return List.of(answers);
                });
    }

    /**
     * Adds the notes (or tasks) {@code activities} for the items at {@code at}. A note or task is a plain create: one
     * an earlier, unconfirmed run may have added is found by its title (which carries the inquiry id) first.
     */
    private Future<Void> add(
            List<BatchItem<Inquiry>> items,
            BatchAnswer[] answers,
            List<Integer> at,
            List<CrmActivity> activities,
            boolean tasks,
            String event) {
        if (at.isEmpty()) {
            return Future.succeededFuture();
        }
        List<String> unsureTitles = new ArrayList<>();
        for (int k = 0; k < at.size(); k++) {
            if (items.get(at.get(k)).unsure()) {
                unsureTitles.add(activities.get(k).title());
            }
        }
        Future<ZohoOutcome<Map<String, String>>> earlier = unsureTitles.isEmpty()
                ? Future.succeededFuture(new ZohoOutcome.Success<>(Map.of()))
                : crm.activitiesByTitle(tasks ? "Tasks" : "Notes", unsureTitles);
        return earlier.compose(found -> {
            if (!(found instanceof ZohoOutcome.Success<Map<String, String>> ok)) {
                place(answers, at, BatchAnswer.all(found, at.size()));
                return Future.succeededFuture();
            }
            List<Integer> adding = new ArrayList<>();
            List<CrmActivity> toAdd = new ArrayList<>();
            for (int k = 0; k < at.size(); k++) {
                String existing =
                        ok.value().get(activities.get(k).title().trim().toLowerCase(Locale.ROOT));
                if (existing != null && items.get(at.get(k)).unsure()) {
                    answers[at.get(k)] = BatchAnswer.done(existing, "linked_by_marker");
                } else {
                    adding.add(at.get(k));
                    toAdd.add(activities.get(k));
                }
            }
            if (toAdd.isEmpty()) {
                return Future.succeededFuture();
            }
            return (tasks ? crm.addTasks(toAdd) : crm.addNotes(toAdd)).map(added -> {
                place(answers, adding, CrmAnswers.of(added, adding.size(), event));
                return null;
            });
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

    private static CrmActivity activity(Inquiry inquiry, String module, String parentId) {
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
        return new CrmActivity(inquiry.platformId(), module, parentId, inquiry.title(), content.toString());
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
        return crm.read("Leads", zohoId)
                .compose(lead -> lead instanceof ZohoOutcome.NotFound<String>
                        ? crm.read("Notes", zohoId)
                        : Future.succeededFuture(lead))
                .compose(note -> note instanceof ZohoOutcome.NotFound<String> && fromContact == FromContact.TASK
                        ? crm.read("Tasks", zohoId)
                        : Future.succeededFuture(note));
    }

    private Future<ZohoOutcome<String>> one(Inquiry inquiry) {
        return writeBatch(List.of(new BatchItem<>(inquiry, null)))
                .map(answers -> answers.get(0).outcome());
    }
}
