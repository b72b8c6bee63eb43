package io.zohosync.domain.crm;

/** Value: a full name split the way CRM wants it — the last word is the (mandatory) last name. */
record PersonNameParts(String first, String last) {

    static PersonNameParts split(String fullName, String fallbackLast) {
        String name = fullName == null ? "" : fullName.trim().replaceAll("\\s+", " ");
        int space = name.lastIndexOf(' ');
        if (name.isEmpty()) {
            return new PersonNameParts(null, fallbackLast);
        }
        if (space == -1) {
            return new PersonNameParts(null, name);
        }
        return new PersonNameParts(name.substring(0, space), name.substring(space + 1));
    }
}
