package io.zohosync.domain.crm;

import io.zohosync.domain.common.Checks;
import io.zohosync.domain.matching.EmailAddress;

/**
 * Domain entity: a contact-form inquiry from the platform; a CRM lead, upserted on its email, or — from someone
 * already a CRM contact — a note or task on that contact. Lengths are CRM's: a name CRM could not keep is refused
 * here (Last_Name 80, First_Name 40), never cut there.
 */
public record Inquiry(
        String platformId, String name, String email, String phone, String company, String message, String source) {

    public static final int MAX_NAME = 120;
    public static final int MAX_EMAIL = 100;
    public static final int MAX_PHONE = 30;
    public static final int MAX_COMPANY = 200;
    public static final int MAX_MESSAGE = 32_000;
    public static final int MAX_SOURCE = 120;

    public Inquiry {
        new Checks()
                .required("id", platformId)
                .identifier("id", platformId)
                .required("email", email)
                .email("email", email)
                .maxLength("email", email, MAX_EMAIL)
                .maxLength("name", name, MAX_NAME)
                .maxLength("phone", phone, MAX_PHONE)
                .maxLength("company", company, MAX_COMPANY)
                .maxLength("message", message, MAX_MESSAGE)
                .maxLength("source", source, MAX_SOURCE)
                .throwIfAny();
        PersonNameParts parts = PersonNameParts.split(name, "x");
        new Checks()
                .rule(
                        parts.last().length() <= 80,
                        "name",
                        "its last word must be at most 80 characters (CRM's Last_Name)")
                .rule(
                        parts.first() == null || parts.first().length() <= 40,
                        "name",
                        "all but its last word must be at most 40 characters (CRM's First_Name)")
                .throwIfAny();
    }

    public Inquiry(String platformId, String name, String email, String phone, String company, String message) {
        this(platformId, name, email, phone, company, message, null);
    }

    /** The normalised email: how the inquiry is matched to a CRM contact. */
    public String normalisedEmail() {
        return new EmailAddress(email).value();
    }

    /** The lead: a nameless inquiry takes the email's local part as last name, which CRM requires. */
    public Lead toLead() {
        String address = normalisedEmail();
        PersonNameParts parts = PersonNameParts.split(name, address.substring(0, address.indexOf('@')));
        return new Lead(platformId, parts.first(), parts.last(), address, phone, company, message, source);
    }

    /** A one-line title for the note or task an inquiry from a contact becomes. */
    public String title() {
        return "Inquiry" + (source == null || source.isBlank() ? "" : " via " + source.trim()) + " (" + platformId
                + ")";
    }
}
