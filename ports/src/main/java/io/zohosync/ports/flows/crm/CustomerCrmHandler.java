package io.zohosync.ports.flows.crm;

import io.vertx.core.Future;
import io.zohosync.domain.crm.CrmContact;
import io.zohosync.domain.customer.Customer;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.ports.flows.customer.CustomerMapping;
import io.zohosync.ports.intake.EntityMapping;
import io.zohosync.ports.out.zoho.CrmFields;
import io.zohosync.ports.out.zoho.ZohoCrm;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.sync.handler.BatchAnswer;
import io.zohosync.ports.sync.handler.BatchItem;
import io.zohosync.ports.sync.handler.BatchSyncHandler;
import io.zohosync.ports.sync.handler.Links;
import java.util.List;

/**
 * Customers → CRM Contacts, in batches: one upsert of up to 100 contacts, duplicate-checked on Email then the platform
 * id field, so a new customer and a changed one are the same call and a repeat never makes a second contact.
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
        List<CrmContact> contacts =
                items.stream().map(i -> CrmContact.of(i.entity())).toList();
        return crm.upsertContacts(contacts, fields).map(outcome -> CrmAnswers.of(outcome, items.size(), "created"));
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
