package io.zohosync.adapters.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import io.zohosync.ports.out.zoho.ZohoApiLimits;
import io.zohosync.ports.out.zoho.ZohoProduct;
import org.junit.jupiter.api.Test;

class ZohoSettingsTest {

    @Test
    void defaultsFollowTheDataCentreAndZohosLimitsAndSecretsStayOutOfToString() {
        ZohoSettings s = ZohoSettings.builder(DataCentre.CA, "1000.id", "the-secret")
                .refreshToken("1000.the-refresh")
                .booksOrganizationId("42")
                .limits(ZohoProduct.BOOKS, new ZohoApiLimits(50, 500, 3))
                .build();

        assertThat(s.accountsUrl()).isEqualTo("https://accounts.zohocloud.ca");
        assertThat(s.apiUrl()).isNull();
        assertThat(s.limits().get(ZohoProduct.BOOKS)).isEqualTo(new ZohoApiLimits(50, 500, 3));
        assertThat(s.limits().get(ZohoProduct.CRM)).isEqualTo(ZohoApiLimits.defaults(ZohoProduct.CRM));
        assertThat(s.toString()).doesNotContain("the-secret").doesNotContain("1000.the-refresh");
    }
}
