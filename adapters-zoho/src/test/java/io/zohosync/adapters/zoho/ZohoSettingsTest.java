package io.zohosync.adapters.zoho;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zohosync.ports.out.zoho.ZohoApiLimits;
import io.zohosync.ports.out.zoho.ZohoProduct;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class ZohoSettingsTest {

    @Test
    void anEnabledProductNeedsItsOrganizationIdButCrmNeedsNone() {
        assertThatThrownBy(() -> ZohoSettings.builder(DataCentre.EU, "1000.id", "secret")
                        .products(EnumSet.of(ZohoProduct.BOOKS, ZohoProduct.BILLING))
                        .booksOrganizationId("1")
                        .build())
                .hasMessage("Zoho BILLING is enabled but its organization id is not configured");
        assertThat(ZohoSettings.builder(DataCentre.EU, "1000.id", "secret")
                        .products(EnumSet.of(ZohoProduct.CRM))
                        .build()
                        .products())
                .containsExactly(ZohoProduct.CRM);
    }

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
