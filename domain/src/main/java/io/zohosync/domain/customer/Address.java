package io.zohosync.domain.customer;

/** Value: a postal address as the platform knows it; every part optional. */
public record Address(String street, String street2, String city, String state, String zip, String country) {

    public static final Address NONE = new Address(null, null, null, null, null, null);

    public boolean isEmpty() {
        return street == null && street2 == null && city == null && state == null && zip == null && country == null;
    }
}
