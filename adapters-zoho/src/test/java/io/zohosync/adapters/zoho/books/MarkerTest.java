package io.zohosync.adapters.zoho.books;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A contact is ours only if its notes carry exactly our marker on a line of its own. */
class MarkerTest {

    @Test
    void the_marker_must_stand_alone_on_its_line() {
        String acme = "zoho-sync:acme";
        assertThat(BooksContactsClient.carriesMarker("zoho-sync:acme", acme)).isTrue();
        assertThat(BooksContactsClient.carriesMarker("Paid by EFT\r\n  zoho-sync:acme  \nVIP", acme))
                .isTrue();
        for (String other : new String[] {
            "zoho-sync:acme eu", "zoho-sync:acme/eu", "zoho-sync:acme+1", "zoho-sync:acme@x", "zoho-sync:acme-2",
            "zoho-sync:acme.", "see zoho-sync:acme", "xzoho-sync:acme", "zoho-sync:ACME", ""
        }) {
            assertThat(BooksContactsClient.carriesMarker(other, acme)).as(other).isFalse();
        }
    }
}
