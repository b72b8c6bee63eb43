package io.zohosync.ports.flows.customer;

import io.zohosync.domain.customer.Address;
import io.zohosync.domain.customer.Customer;
import io.zohosync.domain.customer.CustomerKind;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.ports.intake.EntityMapping;
import io.zohosync.ports.intake.WireFields;
import java.util.Map;

/** The JSON mapping of a platform customer: {@code id, first_name, last_name, email, phone, company_name, billing_address{…}, returning}. */
public final class CustomerMapping implements EntityMapping<Customer> {

    // Zoho Books' limits for a contact (its contacts document): longer text is refused here, never cut there
    static final int MAX_NAME = 100;
    static final int MAX_EMAIL = 100;
    static final int MAX_PHONE = 50;
    static final int MAX_STREET = 500;
    static final int MAX_STREET2 = 255;
    static final int MAX_PLACE = 100;
    static final int MAX_ZIP = 50;

    @Override
    public EntityType type() {
        return EntityType.CUSTOMER;
    }

    @Override
    public String collection() {
        return "customers";
    }

    @Override
    public Customer read(String id, Map<String, Object> json) {
        WireFields fields = WireFields.of(json);
        WireFields a = fields.object("billing_address");
        String firstName = fields.string("first_name", MAX_NAME);
        String lastName = fields.string("last_name", MAX_NAME);
        String email = fields.string("email", MAX_EMAIL);
        String phone = fields.string("phone", MAX_PHONE);
        String company = fields.string("company_name", Customer.MAX_CONTACT_NAME);
        Boolean returning = fields.bool("returning");
        Address address = a.nested(() -> new Address(
                a.string("street", MAX_STREET),
                a.string("street2", MAX_STREET2),
                a.string("city", MAX_PLACE),
                a.string("state", MAX_PLACE),
                a.string("zip", MAX_ZIP),
                a.string("country", MAX_PLACE)));
        return fields.build(() -> new Customer(
                id,
                firstName,
                lastName,
                email,
                phone,
                company,
                address == null ? Address.NONE : address,
                Boolean.TRUE.equals(returning) ? CustomerKind.RETURNING : CustomerKind.NEW));
    }

    @Override
    public Map<String, Object> write(Customer c) {
        Address a = c.billingAddress();
        return WireFields.compact(
                "id", c.platformId(),
                "first_name", c.firstName(),
                "last_name", c.lastName(),
                "email", c.email(),
                "phone", c.phone(),
                "company_name", c.companyName(),
                "billing_address",
                        WireFields.compact(
                                "street",
                                a.street(),
                                "street2",
                                a.street2(),
                                "city",
                                a.city(),
                                "state",
                                a.state(),
                                "zip",
                                a.zip(),
                                "country",
                                a.country()),
                "returning", c.kind() == CustomerKind.RETURNING);
    }

    @Override
    public String id(Customer customer) {
        return customer.platformId();
    }
}
