package io.zohosync.adapters.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import org.junit.jupiter.api.Test;

/** The addresses of synced records in Zoho's web apps, per data centre (zoho-api.md §1.1). */
class ZohoWebAppTest {

    private static ZohoWebApp at(DataCentre dc) {
        return new ZohoWebApp(ZohoSettings.builder(dc, "client", "secret")
                .booksOrganizationId("10234695")
                .billingOrganizationId("20234695")
                .build());
    }

    private static SyncKey key(EntityType type, SyncTarget target) {
        return new SyncKey(type, "x-1", target);
    }

    @Test
    void booksRecordsOpenInTheBooksAppOfTheOrganization() {
        ZohoWebApp us = at(DataCentre.US);

        assertThat(us.url(key(EntityType.CUSTOMER, SyncTarget.BOOKS), "460000000012345"))
                .contains("https://books.zoho.com/app/10234695#/contacts/460000000012345");
        assertThat(us.url(key(EntityType.INVOICE, SyncTarget.BOOKS), "46"))
                .contains("https://books.zoho.com/app/10234695#/invoices/46");
        assertThat(us.url(key(EntityType.ITEM, SyncTarget.BOOKS), "46"))
                .contains("https://books.zoho.com/app/10234695#/inventory/items/46");
        assertThat(us.url(key(EntityType.PAYMENT, SyncTarget.BOOKS), "46"))
                .contains("https://books.zoho.com/app/10234695#/paymentsreceived/46");
    }

    @Test
    void eachDataCentreHasItsOwnDomainCanadasBeingZohocloud() {
        SyncKey contact = key(EntityType.CUSTOMER, SyncTarget.BOOKS);

        assertThat(at(DataCentre.EU).url(contact, "1")).contains("https://books.zoho.eu/app/10234695#/contacts/1");
        assertThat(at(DataCentre.AU).url(contact, "1")).contains("https://books.zoho.com.au/app/10234695#/contacts/1");
        assertThat(at(DataCentre.IN).url(contact, "1")).contains("https://books.zoho.in/app/10234695#/contacts/1");
        assertThat(at(DataCentre.CA).url(contact, "1")).contains("https://books.zohocloud.ca/app/10234695#/contacts/1");
    }

    @Test
    void billingAndCrmRecordsOpenInTheirApps() {
        ZohoWebApp eu = at(DataCentre.EU);

        assertThat(eu.url(key(EntityType.SUBSCRIPTION, SyncTarget.BILLING), "7"))
                .contains("https://billing.zoho.eu/app/20234695#/subscriptions/7");
        assertThat(eu.url(key(EntityType.LEAD, SyncTarget.CRM), "8")).contains("https://crm.zoho.eu/crm/tab/Leads/8");
    }

    @Test
    void aRecordWithoutAPageAnOrganizationOrANumericIdHasNoLink() {
        ZohoWebApp us = at(DataCentre.US);

        assertThat(us.url(key(EntityType.PLAN, SyncTarget.BOOKS), "1")).isEmpty();
        assertThat(us.url(key(EntityType.ITEM, SyncTarget.INVENTORY), "1")).isEmpty(); // no Inventory organization
        assertThat(us.url(key(EntityType.CUSTOMER, SyncTarget.BOOKS), "1#/settings"))
                .isEmpty();
    }
}
