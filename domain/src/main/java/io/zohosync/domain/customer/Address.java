package io.zohosync.domain.customer;

import io.zohosync.domain.common.Checks;

/**
 * Value: a postal address as the platform knows it; every part optional, each no longer than Zoho Books
 * keeps (street 500, street2 255, city and state and country 100, zip 50: Books' contacts document).
 */
public record Address(String street, String street2, String city, String state, String zip, String country) {

    public static final Address NONE = new Address(null, null, null, null, null, null);

    public Address {
        new Checks()
                .maxLength("street", street, 500)
                .maxLength("street2", street2, 255)
                .maxLength("city", city, 100)
                .maxLength("state", state, 100)
                .maxLength("zip", zip, 50)
                .maxLength("country", country, 100)
                .throwIfAny();
    }

    public boolean isEmpty() {
        return street == null && street2 == null && city == null && state == null && zip == null && country == null;
    }
}
