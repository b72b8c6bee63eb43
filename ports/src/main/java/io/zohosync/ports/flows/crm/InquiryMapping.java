package io.zohosync.ports.flows.crm;

import io.zohosync.domain.crm.Inquiry;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.ports.intake.EntityMapping;
import io.zohosync.ports.intake.WireFields;
import java.util.Map;

/**
 * The JSON mapping of a contact-form inquiry ({@code POST /api/v1/inquiries}): {@code id, name, email, phone, company,
 * message, source}. Its entity type is {@link EntityType#LEAD}: the inquiry's place in CRM is a lead — or, from
 * someone already a contact, a note or task on that contact.
 */
public final class InquiryMapping implements EntityMapping<Inquiry> {

    @Override
    public EntityType type() {
        return EntityType.LEAD;
    }

    @Override
    public String collection() {
        return "inquiries";
    }

    @Override
    public Inquiry read(String id, Map<String, Object> json) {
        WireFields fields = WireFields.of(json);
        String name = fields.string("name", Inquiry.MAX_NAME);
        String email = fields.string("email", Inquiry.MAX_EMAIL);
        String phone = fields.string("phone", Inquiry.MAX_PHONE);
        String company = fields.string("company", Inquiry.MAX_COMPANY);
        String message = fields.string("message", Inquiry.MAX_MESSAGE);
        String source = fields.string("source", Inquiry.MAX_SOURCE);
        return fields.build(() -> new Inquiry(id, name, email, phone, company, message, source));
    }

    @Override
    public Map<String, Object> write(Inquiry i) {
        return WireFields.compact(
                "id", i.platformId(),
                "name", i.name(),
                "email", i.email(),
                "phone", i.phone(),
                "company", i.company(),
                "message", i.message(),
                "source", i.source());
    }

    @Override
    public String id(Inquiry inquiry) {
        return inquiry.platformId();
    }
}
