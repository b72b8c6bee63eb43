package io.zohosync.domain.matching;

import io.zohosync.domain.common.Checks;
import java.util.Locale;

/** Value: an email address in its matching form — trimmed and lower-cased (design.md §5). */
public record EmailAddress(String value) {

    public EmailAddress {
        new Checks().required("email", value).email("email", value).throwIfAny();
        value = normalize(value);
    }

    /** The matching form of a raw address: surrounding blanks dropped, compared case-insensitively. */
    public static String normalize(String raw) {
        return raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
    }

    /** Whether a raw address (as Zoho returned it, say) is this one. */
    public boolean sameAs(String raw) {
        return value.equals(normalize(raw));
    }

    @Override
    public String toString() {
        return value;
    }
}
