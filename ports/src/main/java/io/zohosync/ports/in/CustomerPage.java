package io.zohosync.ports.in;

import java.util.List;

/** Read model: a page of the customer list; {@code nextAfter} the cursor of the next page, null on the last. */
public record CustomerPage(List<CustomerRow> customers, String nextAfter) {

    public CustomerPage {
        customers = List.copyOf(customers);
    }
}
