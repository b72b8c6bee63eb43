package io.zohosync.ports.flows.crm;

import io.vertx.core.Future;
import io.zohosync.domain.crm.CrmContact;
import io.zohosync.domain.customer.Customer;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.ports.flows.customer.CustomerMapping;
import io.zohosync.ports.intake.EntityMapping;
import io.zohosync.ports.out.zoho.CrmFields;
import io.zohosync.ports.out.zoho.CrmUpsertResult;
import io.zohosync.ports.out.zoho.ZohoCrm;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.sync.handler.BatchAnswer;
import io.zohosync.ports.sync.handler.BatchItem;
import io.zohosync.ports.sync.handler.BatchSyncHandler;
import io.zohosync.ports.sync.handler.Links;
import java.util.ArrayList;
import java.util.List;

/**
 * Customers → CRM Contacts, in batches: a contact not yet linked is upserted (up to 100 a call), duplicate-checked on
 * Email then the platform id field, so a repeat never makes a second contact; one already linked is updated by its id
 * (up to 100 a call), so a changed email changes that contact.
 */
public final class CustomerCrmHandler implements BatchSyncHandler<Customer> {

    private final ZohoCrm crm;
    private final CrmFields fields;
    private final CustomerMapping mapping = new CustomerMapping();

    public CustomerCrmHandler(ZohoCrm crm, CrmFields fields) {
        this.crm = crm;
        this.fields = fields;
    }

    @Override
    public EntityType type() {
        return EntityType.CUSTOMER;
    }

    @Override
    public SyncTarget target() {
        return SyncTarget.CRM;
    }

    @Override
    public EntityMapping<Customer> mapping() {
        return mapping;
    }

    @Override
    public Future<List<BatchAnswer>> writeBatch(List<BatchItem<Customer>> items) {
        // linked ones are updated by their id (a changed email would otherwise make a second contact when no platform
        // id field is named); the others are upserted on Email (then the platform id field)
        List<Integer> linked = new ArrayList<>();
        List<CrmContact> updates = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<Integer> unlinked = new ArrayList<>();
        List<CrmContact> upserts = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            CrmContact contact = CrmContact.of(items.get(i).entity());
            if (items.get(i).zohoId() != null) {
                linked.add(i);
                updates.add(contact);
                ids.add(items.get(i).zohoId());
            } else {
                unlinked.add(i);
                upserts.add(contact);
            }
        }
        BatchAnswer[] answers = new BatchAnswer[items.size()];
        Future<ZohoOutcome<List<CrmUpsertResult>>> updated = updates.isEmpty()
                ? Future.succeededFuture(new ZohoOutcome.Success<>(List.of()))
                : crm.updateContacts(updates, ids, fields);
        return updated.compose(byId -> {
                    place(answers, linked, CrmAnswers.of(byId, linked.size(), "updated"));
                    return upserts.isEmpty()
                            ? Future.succeededFuture(new ZohoOutcome.Success<List<CrmUpsertResult>>(List.of()))
                            : crm.upsertContacts(upserts, fields);
                })
                .map(upserted -> {
                    place(answers, unlinked, CrmAnswers.of(upserted, unlinked.size(), "created"));
                    return List.of(answers);
                });
    }

    private static void place(BatchAnswer[] answers, List<Integer> at, List<BatchAnswer> these) {
        for (int k = 0; k < at.size(); k++) {
            answers[at.get(k)] = these.get(k);
        }
    }

    /** An upsert needs no marker: a record an earlier, unconfirmed write made is found by its Email. */
    @Override
    public Future<ZohoOutcome<List<String>>> findByMarker(Customer customer) {
        return Future.succeededFuture(new ZohoOutcome.Success<>(List.of()));
    }

    @Override
    public Future<ZohoOutcome<String>> create(Customer customer, Links links) {
        return one(customer);
    }

    @Override
    public Future<ZohoOutcome<String>> update(String zohoId, Customer customer, Links links) {
        return one(customer);
    }

    @Override
    public Future<ZohoOutcome<String>> read(String zohoId) {
        return crm.read("Contacts", zohoId);
    }

    private Future<ZohoOutcome<String>> one(Customer customer) {
        return writeBatch(List.of(new BatchItem<>(customer, null)))
                .map(answers -> answers.get(0).outcome());
    }
}
