package io.zohosync.adapters.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DataCentreTest {

    @Test
    void canadasAccountsServerDiffersFromItsApiHost() {
        assertThat(DataCentre.CA.accountsUrl()).isEqualTo("https://accounts.zohocloud.ca");
        assertThat(DataCentre.CA.apiUrl()).isEqualTo("https://www.zohoapis.ca");
    }

    @Test
    void theCallbacksLocationAndAccountsServerNameTheDataCentre() {
        assertThat(DataCentre.fromLocation("in")).contains(DataCentre.IN);
        assertThat(DataCentre.fromLocation("com.au")).contains(DataCentre.AU);
        assertThat(DataCentre.fromLocation("EU")).contains(DataCentre.EU);
        assertThat(DataCentre.fromAccountsServer("https://accounts.zoho.com.cn/"))
                .contains(DataCentre.CN);
        assertThat(DataCentre.fromAccountsServer("https://accounts.zoho.sa")).contains(DataCentre.SA);
        assertThat(DataCentre.fromAccountsServer("https://accounts.zoho.evil.example"))
                .isEmpty();
        assertThat(DataCentre.values()).hasSize(8);
    }
}
